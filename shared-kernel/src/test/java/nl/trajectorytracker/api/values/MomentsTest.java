package nl.trajectorytracker.api.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.trajectorytracker.api.values.Moments.DayEdge;

/** One written form of a moment everywhere: a date or an ISO-8601 timestamp with its offset. */
class MomentsTest {

    @Test
    void aDate_standsForTheStartOrTheEndOfThatDayInUtc() {
        assertThat(Moments.parse("asOf", "2020-11-30", DayEdge.START))
                .isEqualTo(Instant.parse("2020-11-30T00:00:00Z"));
        assertThat(Moments.parse("asOf", "2020-11-30", DayEdge.END))
                .isEqualTo(Instant.parse("2020-11-30T23:59:59.999999999Z"));
    }

    @Test
    void aTimestamp_isThatMoment_inUtcOrWithAnOffset() {
        assertThat(Moments.parse("asOf", "2020-11-30T10:15:00Z", DayEdge.END))
                .isEqualTo(Instant.parse("2020-11-30T10:15:00Z"));
        assertThat(Moments.parse("asOf", " 2020-11-30T11:15:00.5+01:00 ", DayEdge.START))
                .isEqualTo(Instant.parse("2020-11-30T10:15:00.500Z"));
    }

    @Test
    void absentOrBlank_isNoMoment() {
        assertThat(Moments.parse("asOf", null, DayEdge.END)).isNull();
        assertThat(Moments.parse("asOf", "  ", DayEdge.END)).isNull();
        assertThat(Moments.day("asOf", null)).isNull();
    }

    @Test
    void aDay_isTheDateItself_orTheUtcDayOfATimestamp() {
        assertThat(Moments.day("asOf", "2020-11-30")).isEqualTo(LocalDate.parse("2020-11-30"));
        assertThat(Moments.day("asOf", "2020-11-30T23:30:00-02:00")).isEqualTo(LocalDate.parse("2020-12-01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2020-11-30T10:15:00", "2020-02-30", "30-11-2020", "2020-11-30 10:15Z",
            "1606731300", "2020-11-30T25:00:00Z"})
    void anythingElse_isRefused_namingTheField(String text) {
        assertThatThrownBy(() -> Moments.parse("knownAt", text, DayEdge.END))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("knownAt"));
    }

    /**
     * Years beyond four digits parse as ISO-8601 but name no step's time: a step started at -999999999-01-01 was
     * acknowledged, and the read model that stores it as a BSON date stopped at it for good.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59-18:00", "+10000-01-01",
            "-0001-01-01", "0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00", "999-01-01"})
    void aMomentOutsideTheYears0001To9999_isRefused(String text) {
        assertThatThrownBy(() -> Moments.parse("occurredAt", text, DayEdge.START))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("0001 to 9999");
        assertThatThrownBy(() -> Moments.day("asOf", text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theFirstAndLastDaysOfFourDigitYears_areMoments() {
        assertThat(Moments.parse("asOf", "0001-01-01", DayEdge.START)).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Moments.parse("asOf", "9999-12-31", DayEdge.END))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }
}
