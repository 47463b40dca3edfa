package nl.trajectorytracker.query.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that holds at most {@code capacity} entries, dropping the one used longest ago; not synchronized. */
public final class LeastRecentlyUsed {

    private LeastRecentlyUsed() {
    }

    public static <K, V> Map<K, V> map(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
