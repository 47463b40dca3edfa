package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void keepsTheMostRecentlyUsedAggregates_andDropsTheEldestBeyondItsSize() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat((Object) cache.get("a")).isEqualTo("A");
        cache.put("c", "C");

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(expired).containsExactly("b");
    }

    @Test
    void removingAndUpdating_behaveLikeAMap() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        assertThat(cache.putIfAbsent("a", "A")).isTrue();
        assertThat(cache.putIfAbsent("a", "other")).isFalse();
        cache.<String>computeIfPresent("a", value -> value + "!");
        assertThat((Object) cache.get("a")).isEqualTo("A!");
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.put("x", "X");
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }
}
