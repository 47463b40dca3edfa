package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every study has released before: per scope (a group of trajectories that a release described, such as
 * {@code piece/trust/phase=CO_DESIGN/<class>}), every distinct set of trajectories it described, as sorted 64-bit
 * prefixes of the trajectories' keys, with the {@code k} of the study that released it. The scopes and the keys are
 * the same in every study (pseudonyms differ, the trajectories do not), so {@link Release} compares a new release
 * with the sets of every study: two releases of the same scope, in one study or in two, never differ by fewer than
 * the smaller of their {@code k}. Kept per study, a second study of the same trajectories released a group one
 * trajectory larger than the first had, and the difference was that trajectory's values.
 */
interface ReleaseMemory {

    /** A set of trajectories released in a scope, under a study's {@code k}. */
    record Released(long[] members, int k) {
    }

    /**
     * The sets released earlier in each of these scopes, by any study; sets that an earlier version remembered for
     * this study alone count as released under {@code k}.
     */
    Map<String, List<Released>> earlier(String study, int k, Collection<String> scopes);

    /** Remembers these sets as released in their scopes under {@code k} (a set released before is not stored twice). */
    void remember(int k, Map<String, long[]> released);

    /**
     * Remembers a set that holds every set remembered in its scope, in their place: a memory that only grows (every
     * record a release has shown) keeps one copy of it, where {@link #remember} would keep one more per release.
     */
    void rememberInPlace(String scope, int k, long[] union);

    /** A memory that lives as long as the object, for tests. */
    static ReleaseMemory inMemory() {
        Map<String, List<Released>> sets = new HashMap<>();
        return new ReleaseMemory() {
            @Override
            public synchronized Map<String, List<Released>> earlier(String study, int k,
                    Collection<String> scopes) {
                Map<String, List<Released>> found = new HashMap<>();
                for (String scope : scopes) {
                    List<Released> known = sets.get(scope);
                    if (known != null) {
                        found.put(scope, new ArrayList<>(known));
                    }
                }
                return found;
            }

            @Override
            public synchronized void remember(int k, Map<String, long[]> released) {
                released.forEach((scope, members) -> {
                    List<Released> known = sets.computeIfAbsent(scope, x -> new ArrayList<>());
                    if (known.stream().noneMatch(set -> set.k() == k && Arrays.equals(set.members(), members))) {
                        known.add(new Released(members, k));
                    }
                });
            }

            @Override
            public synchronized void rememberInPlace(String scope, int k, long[] union) {
                sets.put(scope, new ArrayList<>(List.of(new Released(union, k))));
            }
        };
    }

    /** How many trajectories are in one sorted set and not the other, or the other way round. */
    static int symmetricDifference(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int different = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                i++;
                j++;
            } else if (a[i] < b[j]) {
                different++;
                i++;
            } else {
                different++;
                j++;
            }
        }
        return different + (a.length - i) + (b.length - j);
    }
}
