package nl.trajectorytracker.query.research;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statistics that describe a group without singling out any member of it.
 *
 * <p>{@link #quantile} is Hyndman and Fan's type 7 (linear interpolation between order statistics, the default of R,
 * NumPy and spreadsheets): in a group of five it is one trajectory's exact value, so it is never released as such.
 * What is released is {@link #blockQuantile}: the sorted values are cut into consecutive blocks of at least {@code k}
 * (microaggregation), and a quantile is the mean of the block that holds its position. Every released statistic of a
 * group, its exact mean included, is then a sum over whole blocks: no difference of two of them describes fewer than
 * {@code k} values. Without the blocks it did: with {@code k + 1} values, the mean and a median over the {@code k}
 * nearest gave the smallest value exactly. The number of blocks is a power of two, so the blocks of a study with a
 * larger {@code k} are unions of those of one with a smaller {@code k}: two studies of the same trajectories differ
 * by whole blocks of the smaller {@code k}, never by one value.
 * <p>A block also holds the values of at least {@code k} organisations (those who recorded the trajectories), as a
 * released group does: otherwise fewer blocks are cut, down to one, the whole group. A researcher who is also a
 * negotiator recorded five trajectories of no time at all into a group of seven, so that the lowest block of six held
 * their five and one other: its mean gave that other trajectory's value exactly, and the next batch the next one.
 */
final class Statistics {

    private Statistics() {
    }

    static double quantile(List<? extends Number> values, double p) {
        double[] sorted = sorted(values);
        double position = (sorted.length - 1) * p;
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    static double median(List<? extends Number> values) {
        return quantile(values, 0.5);
    }

    /** One trajectory's value, with the organisations that recorded the trajectory. */
    record Recorded(double value, Collection<String> organisations) {
    }

    /** A value with the key that orders it among equal values, made once per value rather than per comparison. */
    private record Tied(Recorded recorded, String key) {
    }

    /**
     * The mean of the block of sorted values that holds the type-7 position of quantile {@code p} (rounded to the
     * nearest value). The {@code n} values are cut into {@code b} blocks, {@code b} the largest power of two with
     * {@code n / b >= k} (one block when {@code n < 2k}) whose every block holds values of at least {@code k}
     * organisations; block {@code i} holds the values from {@code floor(i n / b)} up to
     * {@code floor((i + 1) n / b)}, so each holds at least {@code k}.
     */
    static double blockQuantile(List<Recorded> values, double p, int k) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        // ties in the order of their organisations, so that the same values always make the same blocks
        Recorded[] sorted = values.stream()
                .map(recorded -> new Tied(recorded, String.join("\n", recorded.organisations().stream().sorted()
                        .toList())))
                .sorted(Comparator.comparingDouble((Tied tied) -> tied.recorded().value()).thenComparing(Tied::key))
                .map(Tied::recorded).toArray(Recorded[]::new);
        long blocks = blocksOf(sorted.length, k);
        while (blocks > 1 && !everyBlockHasOrganisations(sorted, blocks, k)) {
            blocks /= 2;
        }
        int[] block = blockAt(sorted.length, p, blocks);
        double sum = 0;
        for (int i = block[0]; i < block[1]; i++) {
            sum += sorted[i].value();
        }
        return sum / (block[1] - block[0]);
    }

    private static boolean everyBlockHasOrganisations(Recorded[] sorted, long blocks, int k) {
        int n = sorted.length;
        for (long block = 0; block < blocks; block++) {
            Set<String> organisations = new HashSet<>();
            for (int i = (int) (block * n / blocks); i < (int) ((block + 1) * n / blocks); i++) {
                organisations.addAll(sorted[i].organisations());
            }
            if (organisations.size() < k) {
                return false;
            }
        }
        return true;
    }

    /** The largest power of two {@code b} with {@code n / b >= k}. */
    private static long blocksOf(int n, int k) {
        long blocks = 1;
        while (n >= 2 * blocks * Math.max(1, k)) {
            blocks *= 2;
        }
        return blocks;
    }

    /**
     * The block of {@link #blockQuantile} when only the number of values decides (every value an organisation's of
     * its own), as the first position in it and the first after it.
     */
    static int[] blockAt(int n, double p, int k) {
        return blockAt(n, p, blocksOf(n, k));
    }

    private static int[] blockAt(int n, double p, long blocks) {
        long at = Math.round((n - 1) * p);
        long block = Math.min(blocks - 1, (at * blocks + blocks) / n);
        while (block > 0 && block * n / blocks > at) {
            block--;
        }
        while ((block + 1) * n / blocks <= at) {
            block++;
        }
        return new int[] {(int) (block * n / blocks), (int) ((block + 1) * n / blocks)};
    }

    static double mean(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** In the order of {@link Double#compare}, as the boxed values sort. */
    private static double[] sorted(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        double[] sorted = new double[values.size()];
        int i = 0;
        for (Number value : values) {
            sorted[i++] = value.doubleValue();
        }
        Arrays.sort(sorted);
        return sorted;
    }
}
