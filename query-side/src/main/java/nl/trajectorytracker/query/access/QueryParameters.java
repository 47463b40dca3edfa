package nl.trajectorytracker.query.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;

/** Reads the optional filters of query adapters; a malformed value names its parameter (400). */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An instant ({@code 2026-03-01T09:00:00Z}) or a date ({@code 2026-03-01}, its start in UTC). */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay().toInstant(
                    java.time.ZoneOffset.UTC) : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "must be an ISO-8601 instant or date");
        }
    }

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "must be an ISO-8601 date");
        }
    }

    /** The answer of a query about one trajectory, or 404 when it is unknown or outside the reader's scope. */
    public static <T> T found(Optional<T> answer, String id) {
        return answer.orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                "No trajectory with id " + id));
    }
}
