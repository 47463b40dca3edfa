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

    /**
     * A required, trimmed, non-blank text of at most {@code maxLength} characters, made only of characters that
     * survive every store and format unchanged (see {@link #storableText}).
     */
    public static String text(String field, String value, int maxLength) {
        present(field, value);
        storableText(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /**
     * Refuses text that cannot be stored and read back unchanged. The hash chain covers the stored bytes, so a text
     * that an encoder silently replaces (a lone surrogate becomes U+FFFD in UTF-8) would make an honest step look
     * tampered with. Refused: unpaired surrogates; noncharacters (U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF, which
     * Unicode reserves for internal use and which the PDF report cannot draw); control characters other than tab,
     * line feed and carriage return (C0, DEL and C1).
     */
    public static String storableText(String field, String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            String problem = null;
            if (Character.isSurrogate((char) codePoint)) {
                problem = "is not valid Unicode: a lone surrogate";
            } else if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE) {
                problem = "holds a Unicode noncharacter";
            } else if ((codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r')
                    || (codePoint >= 0x7F && codePoint <= 0x9F)) {
                problem = "holds a control character";
            }
            if (problem != null) {
                throw new InvalidValueException(field, problem + String.format(" (U+%04X at character %d)",
                        codePoint, value.codePointCount(0, i) + 1));
            }
            i += Character.charCount(codePoint);
        }
        return value;
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
