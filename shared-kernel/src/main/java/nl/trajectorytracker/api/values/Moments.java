package nl.trajectorytracker.api.values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one written form of a moment, wherever the API takes one (a query parameter such as {@code asOf}, or a step's
 * {@code occurredAt}): a date ({@code 2026-03-01}, a whole day in UTC) or an ISO-8601 timestamp with its offset
 * ({@code 2026-03-01T12:00:00Z}, {@code 2026-03-01T13:00:00+01:00}). Which end of the day a date stands for is the
 * caller's choice, per parameter: the start for a lower bound or a step's time, the end for "as of that day".
 * A timestamp without an offset is refused: it names no moment.
 */
public final class Moments {

    /** Which moment of the day a bare date stands for. */
    public enum DayEdge {
        /** 00:00 UTC of that day. */
        START,
        /** The last nanosecond of that day in UTC, so that "at or before" includes the whole day. */
        END
    }

    private Moments() {
    }

    /**
     * The moment written in {@code value}, or {@code null} when it is absent or blank.
     *
     * @throws InvalidValueException naming {@code field} when the value is neither a date nor a timestamp
     */
    public static Instant parse(String field, String value, DayEdge edge) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notATimestamp) {
            try {
                LocalDate day = LocalDate.parse(text);
                return edge == DayEdge.START ? day.atStartOfDay(ZoneOffset.UTC).toInstant()
                        : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            } catch (DateTimeException notADate) {
                throw new InvalidValueException(field, "must be a date (2026-03-01) or an ISO-8601 timestamp with "
                        + "its offset (2026-03-01T12:00:00Z)");
            }
        }
    }

    /** The UTC day of the moment written in {@code value} (a date stays that date), or {@code null} when absent. */
    public static LocalDate day(String field, String value) {
        Instant moment = parse(field, value, DayEdge.START);
        return moment == null ? null : LocalDate.ofInstant(moment, ZoneOffset.UTC);
    }
}
