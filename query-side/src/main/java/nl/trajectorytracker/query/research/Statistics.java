package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, the default of R, NumPy and
 * spreadsheets): for {@code n} sorted values, quantile {@code p} lies at position {@code (n - 1) * p}.
 */
final class Statistics {

    private Statistics() {
    }

    static double quantile(List<? extends Number> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        List<Double> sorted = new ArrayList<>();
        values.forEach(value -> sorted.add(value.doubleValue()));
        Collections.sort(sorted);
        double position = (sorted.size() - 1) * p;
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    static double median(List<? extends Number> values) {
        return quantile(values, 0.5);
    }

    static double mean(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
