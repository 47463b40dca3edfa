package nl.trajectorytracker.query.research;

/** Numeric amounts released as ranges, so that an exact amount cannot single out a trajectory. */
final class Bands {

    private Bands() {
    }

    static String of(String field, long value) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        if (name.endsWith("Trust")) {
            return Long.toString(value);
        }
        if (name.equals("count")) {
            return value == 0 ? "0" : value <= 2 ? "1-2" : value <= 5 ? "3-5" : "6+";
        }
        if (name.endsWith("Percent")) {
            return value >= 100 ? "100" : (value / 10 * 10) + "-" + (value / 10 * 10 + 9);
        }
        if (name.endsWith("Months")) {
            return value <= 12 ? "1-12" : value <= 24 ? "13-24" : value <= 36 ? "25-36" : value <= 60 ? "37-60" : "61+";
        }
        if (name.endsWith("Years")) {
            return value <= 1 ? "0-1" : value <= 3 ? "2-3" : value <= 5 ? "4-5" : value <= 10 ? "6-10" : "11+";
        }
        if (value <= 0) {
            return value == 0 ? "0" : "<0";
        }
        long lower = 1;
        while (lower * 10 <= value) {
            lower *= 10;
        }
        return lower + "-" + (lower * 10 - 1);
    }
}
