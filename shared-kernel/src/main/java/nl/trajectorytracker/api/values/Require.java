package nl.trajectorytracker.api.values;

import java.util.List;

/** Checks used by the compact constructors of messages and value objects. */
public final class Require {

    private Require() {
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** A required, trimmed, non-blank text of at most {@code maxLength} characters. */
    public static String text(String field, String value, int maxLength) {
        present(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** An optional text: {@code null} or blank becomes {@code null}, otherwise as {@link #text}. */
    public static String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value, maxLength);
    }

    /** A required, non-empty list, copied so the message stays immutable. */
    public static <T> List<T> nonEmpty(String field, List<T> values, int maxSize) {
        present(field, values);
        if (values.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (values.size() > maxSize) {
            throw new InvalidValueException(field, "must have at most " + maxSize + " entries");
        }
        for (int i = 0; i < values.size(); i++) {
            present(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    /** A required, non-empty list of texts, each trimmed and checked as by {@link #text}. */
    public static List<String> texts(String field, List<String> values, int maxSize, int maxLength) {
        List<String> present = nonEmpty(field, values, maxSize);
        return java.util.stream.IntStream.range(0, present.size())
                .mapToObj(i -> text(field + "[" + i + "]", present.get(i), maxLength))
                .toList();
    }

    /** An optional list of texts: {@code null} becomes an empty list, otherwise as {@link #texts}. */
    public static List<String> optionalTexts(String field, List<String> values, int maxSize, int maxLength) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return texts(field, values, maxSize, maxLength);
    }

    /** An optional list: {@code null} becomes an empty list; no entry may be {@code null}. */
    public static <T> List<T> optionalList(String field, List<T> values, int maxSize) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return nonEmpty(field, values, maxSize);
    }

    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be between " + min + " and " + max);
        }
        return value;
    }
}
