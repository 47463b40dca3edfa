package nl.trajectorytracker.query.research;

import java.util.Arrays;
import java.util.List;

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

    /**
     * The mean of the block of sorted values that holds the type-7 position of quantile {@code p} (rounded to the
     * nearest value). The {@code n} values are cut into {@code b} blocks, {@code b} the largest power of two with
     * {@code n / b >= k} (one block when {@code n < 2k}); block {@code i} holds the values from
     * {@code floor(i n / b)} up to {@code floor((i + 1) n / b)}, so each holds at least {@code k}.
     */
    static double blockQuantile(List<? extends Number> values, double p, int k) {
        double[] sorted = sorted(values);
        int[] block = blockAt(sorted.length, p, k);
        double sum = 0;
        for (int i = block[0]; i < block[1]; i++) {
            sum += sorted[i];
        }
        return sum / (block[1] - block[0]);
    }

    /** The block of {@link #blockQuantile}, as the first position in it and the first after it. */
    static int[] blockAt(int n, double p, int k) {
        long blocks = 1;
        while (n >= 2 * blocks * Math.max(1, k)) {
            blocks *= 2;
        }
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
