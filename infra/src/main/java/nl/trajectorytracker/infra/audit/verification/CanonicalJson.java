package nl.trajectorytracker.infra.audit.verification;

import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the flat objects the audit trail hashes and signs: members sorted by
 * their names' UTF-16 code units, no whitespace, strings escaped the ECMAScript way (only {@code "}, {@code \} and
 * control characters; backspace, tab, newline, form feed and carriage return in their two-character
 * short forms, other control characters as six-character unicode escapes in lower-case hex), integers in plain decimal
 * and {@code null}, arrays of those. Values other than {@link String}, {@link Long}, {@link Integer}, {@code null}
 * and lists of them are refused, so the encoding cannot drift with a library's defaults.
 */
public final class CanonicalJson {

    /** Integers beyond this lose precision as IEEE 754 doubles, which RFC 8785 numbers are. */
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private CanonicalJson() {
    }

    public static String of(Map<String, ?> members) {
        // String's natural order compares UTF-16 code units, as RFC 8785 section 3.2.3 asks
        TreeMap<String, Object> sorted = new TreeMap<>(members);
        StringBuilder json = new StringBuilder(256).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, member.getKey());
            json.append(':');
            value(json, member.getValue());
        }
        return json.append('}').toString();
    }

    private static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            string(json, text);
        } else if (value instanceof Long || value instanceof Integer) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) > MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("Integer out of the exactly representable range: " + number);
            }
            json.append(number);
        } else if (value instanceof java.util.List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                value(json, list.get(i));
            }
            json.append(']');
        } else {
            throw new IllegalArgumentException("Not canonicalised: " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
