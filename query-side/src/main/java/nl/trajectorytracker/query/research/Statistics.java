package nl.trajectorytracker.query.research;

import java.util.Arrays;
import java.util.List;

/**
 * Statistics that describe a group without singling out any member of it.
 *
 * <p>{@link #quantile} is Hyndman and Fan's type 7 (linear interpolation between order statistics, the default of R,
 * NumPy and spreadsheets): in a group of five it is one trajectory's exact value, so it is never released as such.
 * What is released is {@link #smoothedQuantile}: the mean of the {@code k} values nearest the quantile's position (a
 * window of at least {@code k} members, as microaggregation does), so every released quantile is computed from at
 * least {@code k} trajectories. In a large group it is close to the quantile; in a group of {@code k} every quantile
 * is the group's mean.
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

    /** The mean of the {@code window} values nearest the type-7 position of quantile {@code p}. */
    static double smoothedQuantile(List<? extends Number> values, double p, int window) {
        double[] sorted = sorted(values);
        int n = sorted.length;
        int size = Math.min(window, n);
        double position = (n - 1) * p;
        int first = (int) Math.round(position - (size - 1) / 2.0);
        first = Math.max(0, Math.min(n - size, first));
        double sum = 0;
        for (int i = first; i < first + size; i++) {
            sum += sorted[i];
        }
        return sum / size;
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
