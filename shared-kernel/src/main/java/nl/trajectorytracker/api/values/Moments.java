package nl.trajectorytracker.api.values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

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

    /**
     * A year of four digits, as the JSON bodies' dates have: the ISO parsers also take years of up to nine digits
     * ({@code +999999999-12-31}), which a step's time cannot be (a BSON date ends in the year 292278994, and a read
     * model that stores the step stopped at it) and an answer could not write in RFC 3339.
     */
    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-");
    /** The first and last moments written with a four-digit year in UTC, whatever the offset the text had. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

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
        Instant moment = FOUR_DIGIT_YEAR.matcher(text).lookingAt() ? moment(text, edge) : null;
        if (moment == null || moment.isBefore(FIRST) || moment.isAfter(LAST)) {
            throw new InvalidValueException(field, "must be a date (2026-03-01) or an ISO-8601 timestamp with "
                    + "its offset (2026-03-01T12:00:00Z), in the years 0001 to 9999");
        }
        return moment;
    }

    private static Instant moment(String text, DayEdge edge) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notATimestamp) {
            try {
                LocalDate day = LocalDate.parse(text);
                return edge == DayEdge.START ? day.atStartOfDay(ZoneOffset.UTC).toInstant()
                        : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** The UTC day of the moment written in {@code value} (a date stays that date), or {@code null} when absent. */
    public static LocalDate day(String field, String value) {
        Instant moment = parse(field, value, DayEdge.START);
        return moment == null ? null : LocalDate.ofInstant(moment, ZoneOffset.UTC);
    }
}
