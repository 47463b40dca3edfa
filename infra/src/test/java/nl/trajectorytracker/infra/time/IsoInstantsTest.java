package nl.trajectorytracker.infra.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @Test
    void readsWhatInstantWritesAsTheFormatterDoes() {
        Random random = new Random(42);
        long range = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant written = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), range), random.nextInt(1_000_000_000));
            // Instant writes 0, 3, 6 or 9 fraction digits, depending on the precision
            Instant instant = switch (i % 4) {
                case 0 -> written.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> written.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> written.truncatedTo(ChronoUnit.MICROS);
                default -> written;
            };
            String text = instant.toString();
            assertThat(IsoInstants.parseUtcOrNull(text)).as(text).isEqualTo(instant)
                    .isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T04:36:58.1Z", "2026-12-02T04:36:58.12Z", "2024-02-29T00:00:00.00000001Z",
            "0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z"})
    void readsAnyNumberOfFractionDigits(String text) {
        assertThat(IsoInstants.parseUtcOrNull(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-32T00:00:00Z",
            "2026-12-02T24:00:00Z", "2026-12-02T04:60:00Z", "2016-12-31T23:59:60Z", "2026-12-02T04:36:58.Z",
            "2026-12-02T04:36:58.1234567890Z", "2026-12-02T04:36:58+01:00", "2026-12-02T04:36Z",
            "+10000-01-01T00:00:00Z", "2026-12-02 04:36:58Z", "2026-12-02T04:36:5xZ", "2026-1a-02T04:36:58Z",
            "2026-12-02T04:36:58.12a4Z", "", "not an instant at all, but long enough"})
    void leavesEverythingElseToTheFormatter(String text) {
        assertThat(IsoInstants.parseUtcOrNull(text)).isNull();
    }
}
