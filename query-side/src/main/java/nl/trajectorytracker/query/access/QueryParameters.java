package nl.trajectorytracker.query.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Moments;

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

    /** A moment (see {@link Moments}); a date stands for its start in UTC. */
    public static Instant instant(String field, String value) {
        return Moments.parse(field, value, Moments.DayEdge.START);
    }

    /** A moment (see {@link Moments}), a date standing for the given end of the day. */
    public static Instant moment(String field, String value, Moments.DayEdge edge) {
        return Moments.parse(field, value, edge);
    }

    /** A day: a date, or the UTC day of a timestamp (see {@link Moments}). */
    public static LocalDate date(String field, String value) {
        return Moments.day(field, value);
    }

    /** The answer of a query about one trajectory, or 404 when it is unknown or outside the reader's scope. */
    public static <T> T found(Optional<T> answer, String id) {
        return answer.orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                "No trajectory with id " + id));
    }
}
