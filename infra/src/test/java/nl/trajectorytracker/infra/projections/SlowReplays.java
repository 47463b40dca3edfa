package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A tracker whose rebuilds and consistency checks replay one event at a time, so that they take long enough to be
 * caught running, and the few trajectories they replay.
 */
final class SlowReplays {

    private SlowReplays() {
    }

    static RunningTracker start(Path data) {
        return RunningTracker.start(data, "tracker.projections.rebuild-batch-size=1",
                "tracker.security.rate-limit.enabled=false");
    }

    /** Starts trajectories, each with ten notes. */
    static void fill(RunningTracker tracker, int trajectories) {
        for (int i = 0; i < trajectories; i++) {
            String id = tracker.negotiator().startTrajectory("Zilveren Kruis and Ziekenhuis Amstelland " + i);
            for (int note = 0; note < 10; note++) {
                RunningTracker.Response noted = tracker.post("/api/trajectories/" + id + "/notes",
                        "{\"text\": \"Overleg " + note + " over de volumeafspraken\"}");
                assertThat(noted.status()).as(noted.body()).isEqualTo(200);
            }
        }
    }
}
