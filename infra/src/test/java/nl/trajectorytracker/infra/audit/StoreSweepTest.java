package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.asDatabaseAdministrator;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A trajectory deleted in the database, with its rows in the read models, was found only by verifying it by its id,
 * which no one had any more: the sweep of the store against the log reports it.
 */
class StoreSweepTest {

    @TempDir
    Path data;

    @Test
    void aTrajectoryDeletedInTheDatabase_isReported_thoughNoOneAsksForIt() {
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.audit.store-sweep-initial-delay=PT1S",
                "tracker.audit.store-sweep-interval=PT1S")) {
            RunningTracker.Client negotiator = tracker.negotiator();
            String kept = recorded(tracker, negotiator);
            String deleted = recorded(tracker, negotiator);

            asDatabaseAdministrator(tracker, database -> {
                database.getCollection("event_commits").deleteMany(eq("agg", deleted));
                database.getCollection("trajectory_overview").deleteMany(eq("_id", deleted));
            });

            RunningTracker.Client auditor = tracker.createAuditor("sweep-auditor");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    auditor.get("/api/audit/breaks").json().findValuesAsText("trajectoryId")).contains(deleted));
            assertThat(auditor.get("/api/audit/breaks").json().findValuesAsText("trajectoryId")).doesNotContain(kept);
        }
    }
}
