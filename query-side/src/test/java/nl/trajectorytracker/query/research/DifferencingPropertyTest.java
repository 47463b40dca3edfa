package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A property over random studies: random populations (party types, start years, organisations, trust and outcomes),
 * random k, and a random sequence of filtered releases of the same study, with trajectories added between some of
 * them. However they are combined, no two releases of the same cell describe sets of trajectories that differ by
 * fewer than k (so no difference of two releases singles out a trajectory's value), and the trajectories a
 * partition holds back are none or at least k. Each seed is one case; a failure names its seed.
 */
class DifferencingPropertyTest {

    private static final String[] COMBINATIONS = {"INSURER/CARE_PROVIDER", "MUNICIPALITY/CARE_PROVIDER",
        "CARE_OFFICE/CARE_PROVIDER", "INSURER/MUNICIPALITY", "INSURER/CARE_PROVIDER/MUNICIPALITY"};
    private static final String[] PARTY_TYPES = {"INSURER", "CARE_PROVIDER", "MUNICIPALITY", "CARE_OFFICE"};
    private static final String[] PHASES = {"INTERNAL_PREPARATION", "CO_DESIGN", "NEGOTIATION"};
    private static final String[] OUTCOMES = {"AGREEMENT_FULFILLED", "FALLBACK_TO_BATNA", "ABANDONED", null};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noTwoReleasesOfACellDifferByFewerThanK(long seed) {
        Random random = new Random(seed);
        Population population = new Population();
        int k = 2 + random.nextInt(5);
        int next = 0;
        for (int i = 8 + random.nextInt(60); i > 0; i--) {
            add(population, random, next++);
        }
        Study study = population.study("s" + seed, k);
        ReleaseMemory memory = ReleaseMemory.inMemory();
        List<ResearchResult> releases = new ArrayList<>();
        for (int round = 2 + random.nextInt(6); round > 0; round--) {
            if (random.nextInt(3) == 0) {
                for (int added = 1 + random.nextInt(3); added > 0; added--) {
                    add(population, random, next++);
                }
            }
            ResearchFilter filter = filter(random);
            String view = random.nextBoolean() ? "trust" : "outcomes";
            ResearchResult result = new ResearchViews(study, population.keys, memory).aggregate(view,
                    population.trajectories, filter);
            releases.add(result);
            if ("outcomes".equals(view) && result.trajectories() != null) {
                int released = result.rows().stream().mapToInt(row -> (Integer) row.get("trajectories")).sum();
                int hidden = result.trajectories() - released;
                assertThat(hidden).as("seed %d: trajectories a partition holds back", seed)
                        .satisfiesAnyOf(h -> assertThat(h).isZero(), h -> assertThat(h).isGreaterThanOrEqualTo(k));
            }
        }
        for (int a = 0; a < releases.size(); a++) {
            for (int b = a + 1; b < releases.size(); b++) {
                if (!releases.get(a).view().equals(releases.get(b).view())) {
                    continue;
                }
                for (Map.Entry<String, long[]> cell : releases.get(a).releasedMembers().entrySet()) {
                    long[] other = releases.get(b).releasedMembers().get(cell.getKey());
                    if (other == null) {
                        continue;
                    }
                    int difference = ReleaseMemory.symmetricDifference(cell.getValue(), other);
                    assertThat(difference).as("seed %d, k=%d, %s under %s and %s", seed, k, cell.getKey(),
                            releases.get(a).filter(), releases.get(b).filter())
                            .satisfiesAnyOf(d -> assertThat(d).isZero(), d -> assertThat(d).isGreaterThanOrEqualTo(k));
                    assertDifferenceIsolatesNoValue(releases.get(a), releases.get(b), cell.getKey(), k, seed);
                }
            }
        }
    }

    /** The attack itself: with one trajectory between two releases of a trust cell, the sums give its score. */
    private static void assertDifferenceIsolatesNoValue(ResearchResult one, ResearchResult other, String cell, int k,
            long seed) {
        Map<String, Object> first = row(one, cell);
        Map<String, Object> second = row(other, cell);
        if (first == null || second == null || !first.containsKey("meanPersonTrust")) {
            return;
        }
        int n1 = (Integer) first.get("trajectories");
        int n2 = (Integer) second.get("trajectories");
        assertThat(Math.abs(n1 - n2)).as("seed %d: %s counts %d and %d", seed, cell, n1, n2)
                .satisfiesAnyOf(d -> assertThat(d).isZero(), d -> assertThat(d).isGreaterThanOrEqualTo(1));
        Set<Long> a = new HashSet<>();
        Set<Long> b = new HashSet<>();
        for (long member : one.releasedMembers().get(cell)) {
            a.add(member);
        }
        for (long member : other.releasedMembers().get(cell)) {
            b.add(member);
        }
        boolean nested = a.containsAll(b) || b.containsAll(a);
        assertThat(nested && Math.abs(n1 - n2) > 0 && Math.abs(n1 - n2) < k).as("seed %d: nested releases of %s"
                + " differing by %d trajectories", seed, cell, Math.abs(n1 - n2)).isFalse();
    }

    private static Map<String, Object> row(ResearchResult result, String cell) {
        String phase = cell.startsWith("phase=") ? cell.substring("phase=".length()) : null;
        return result.rows().stream().filter(row -> phase != null && phase.equals(row.get("phase"))).findFirst()
                .orElse(null);
    }

    private static void add(Population population, Random random, int index) {
        String[] types = COMBINATIONS[random.nextInt(COMBINATIONS.length)].split("/");
        String[] parties = new String[types.length * 2];
        for (int i = 0; i < types.length; i++) {
            parties[2 * i] = types[i];
            parties[2 * i + 1] = types[i] + " " + random.nextInt(types[i].equals("INSURER") ? 6 : 25);
        }
        ResearchTrajectory trajectory = population.add("t" + index, 2023 + random.nextInt(3), 1 + random.nextInt(4),
                parties);
        for (String phase : PHASES) {
            if (random.nextInt(4) > 0) {
                Population.trust(trajectory, phase, 1 + random.nextInt(5), 1 + random.nextInt(5));
            }
        }
        trajectory.outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
    }

    private static ResearchFilter filter(Random random) {
        String type = random.nextInt(3) == 0 ? null : PARTY_TYPES[random.nextInt(PARTY_TYPES.length)];
        Integer year = random.nextInt(3) == 0 ? 2023 + random.nextInt(3) : null;
        return ResearchFilter.of(type, year, null);
    }
}
