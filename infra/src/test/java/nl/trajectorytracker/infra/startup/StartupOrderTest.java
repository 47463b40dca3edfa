package nl.trajectorytracker.infra.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;

/**
 * The start-up work runs in its order (checks of the stored read models, rebuilds asked for, then filling the store):
 * a start that fills an empty store with {@code --generate} rebuilds no read model, and neither does the next start
 * on that store. Were the store filled first, the checks would find events and read models without a recorded shape
 * or research key, and rebuild them all for nothing while health already said UP.
 */
class StartupOrderTest {

    @TempDir
    Path data;

    @Test
    void fillingAnEmptyStoreAtStart_rebuildsNothing_andNeitherDoesTheNextStart() {
        for (int start = 1; start <= 2; start++) {
            try (RunningTracker tracker = RunningTracker.start(data, "generate=12", "seed=7")) {
                ProjectionRebuilds rebuilds = tracker.bean(ProjectionRebuilds.class);
                assertThat(rebuilds.names()).isNotEmpty();
                for (String name : rebuilds.names()) {
                    assertThat(rebuilds.latestRebuild(name)).as("start " + start + ", read model " + name).isEmpty();
                }
            }
        }
    }
}
