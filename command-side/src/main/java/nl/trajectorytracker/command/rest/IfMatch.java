package nl.trajectorytracker.command.rest;

import nl.trajectorytracker.api.values.InvalidValueException;

/** Reads the expected trajectory version from an {@code If-Match} header: {@code "3"}, {@code 3} or {@code W/"3"}. */
final class IfMatch {

    static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** The expected version, or {@code null} when the header is absent or {@code *}. */
    static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidValueException(HEADER, "must be a trajectory version such as \"3\"");
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
