package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a study has released before: per scope (a group of trajectories that a release described, such as
 * {@code piece/trust/phase=CO_DESIGN/<class>}), every distinct set of trajectories it described, as sorted 64-bit
 * prefixes of the trajectories' keys. {@link Release} compares a new release with these so that two releases of the
 * same scope never differ by fewer than {@code k} trajectories.
 */
interface ReleaseMemory {

    /** The sets released earlier in each of these scopes of the study. */
    Map<String, List<long[]>> earlier(String study, Collection<String> scopes);

    /** Remembers these sets as released in their scopes (a set released before is not stored twice). */
    void remember(String study, Map<String, long[]> released);

    /** A memory that lives as long as the object, for tests. */
    static ReleaseMemory inMemory() {
        Map<String, List<long[]>> sets = new HashMap<>();
        return new ReleaseMemory() {
            @Override
            public synchronized Map<String, List<long[]>> earlier(String study, Collection<String> scopes) {
                Map<String, List<long[]>> found = new HashMap<>();
                for (String scope : scopes) {
                    List<long[]> known = sets.get(study + "|" + scope);
                    if (known != null) {
                        found.put(scope, new ArrayList<>(known));
                    }
                }
                return found;
            }

            @Override
            public synchronized void remember(String study, Map<String, long[]> released) {
                released.forEach((scope, members) -> {
                    List<long[]> known = sets.computeIfAbsent(study + "|" + scope, x -> new ArrayList<>());
                    if (known.stream().noneMatch(set -> Arrays.equals(set, members))) {
                        known.add(members);
                    }
                });
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
