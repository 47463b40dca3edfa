package nl.trajectorytracker.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.infra.RunningTracker;

/** The generator: reproducible plans, a plausible mix of fates, real commands accepted by the aggregate. */
class SyntheticTrajectoriesTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theSameSeed_givesTheSamePlans_andAnotherSeedOthers() {
        for (int i = 0; i < 50; i++) {
            assertThat(SyntheticTrajectories.plan(7, i)).isEqualTo(SyntheticTrajectories.plan(7, i));
        }
        assertThat(SyntheticTrajectories.plan(7, 0).id()).isNotEqualTo(SyntheticTrajectories.plan(8, 0).id());
    }

    @Test
    void theFates_areMixed_asPlanned() {
        Map<SyntheticTrajectories.Fate, Integer> fates = new EnumMap<>(SyntheticTrajectories.Fate.class);
        IntStream.range(0, 1000).forEach(i -> fates.merge(SyntheticTrajectories.plan(1, i).fate(), 1, Integer::sum));
        assertThat(fates.get(SyntheticTrajectories.Fate.FULFILLED)).isBetween(480, 620);
        assertThat(fates.get(SyntheticTrajectories.Fate.FALLBACK)).isBetween(190, 310);
        assertThat(fates.get(SyntheticTrajectories.Fate.ABANDONED)).isBetween(70, 170);
        assertThat(fates.get(SyntheticTrajectories.Fate.OPEN)).isBetween(40, 120);
    }

    @Test
    void generating_sendsRealCommands_everyOneAccepted_andASecondRunAddsNothing() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SyntheticTrajectories generator = tracker.bean(SyntheticTrajectories.class);

        SyntheticTrajectories.Report first = generator.generate(20, 42,
                new ConsoleProgressBar(new PrintStream(console, true, StandardCharsets.UTF_8), 20));
        SyntheticTrajectories.Report second = generator.generate(20, 42, SyntheticTrajectories.Progress.NONE);

        assertThat(first.failed()).isZero();
        assertThat(first.created()).isEqualTo(20);
        assertThat(first.commands()).isGreaterThan(20 * 10);
        assertThat(second.created()).isZero();
        assertThat(second.skipped()).isEqualTo(20);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("] 20/20 ").contains("/s ETA");
    }
}
