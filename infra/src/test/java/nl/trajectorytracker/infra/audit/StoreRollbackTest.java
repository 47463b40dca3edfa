package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.gt;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.asDatabaseAdministrator;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.checkpoint;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * The event store put back from an older copy while the audit log kept its entries (as if only that collection's
 * backup were restored): the lost steps are found on their trajectory, and the steps recorded after the restart are
 * the service's own. New commits once took positions the log held other commits for, and honest steps were judged
 * forged and never taken in.
 */
class StoreRollbackTest {

    @TempDir
    Path data;

    @Test
    void afterTheStoreIsRolledBack_newStepsGoAfterTheLog_andOnlyTheLostStepsAreBreaks() {
        RunningTracker tracker = RunningTracker.start(data);
        String kept;
        String cut;
        RunningTracker.Client negotiator = tracker.negotiator();
        RunningTracker.Client auditor = tracker.createAuditor("rollback-auditor");
        try {
            kept = recorded(tracker, negotiator);
            AtomicLong restoredHead = new AtomicLong();
            asDatabaseAdministrator(tracker, database -> restoredHead.set(database.getCollection("event_commits")
                    .find().sort(new Document("_id", -1)).first().getLong("_id")));
            cut = recorded(tracker, negotiator);
            // the older copy put back: every commit after it is gone, the log's entries for them are not
            asDatabaseAdministrator(tracker, database -> database.getCollection("event_commits")
                    .deleteMany(gt("_id", restoredHead.get())));
        } finally {
            tracker.close();
        }

        tracker = RunningTracker.start(data);
        try {
            negotiator = tracker.as(negotiator.token());
            auditor = tracker.as(auditor.token());
            RunningTracker.Response note = negotiator.post("/api/trajectories/" + kept + "/notes",
                    "{\"text\": \"Recorded after the restore\"}");
            assertThat(note.status()).as(note.body()).isEqualTo(200);
            checkpoint(tracker);

            JsonNode untouched = auditor.get("/api/trajectories/" + kept + "/verify").json();
            assertThat(untouched.get("status").asText()).as(untouched.toString()).isEqualTo("OK");
            JsonNode lost = auditor.get("/api/trajectories/" + cut + "/verify").json();
            assertThat(lost.get("status").asText()).as(lost.toString()).isEqualTo("BROKEN");
            assertThat(lost.at("/firstBreak/kind").asText()).isEqualTo("TAIL_TRUNCATED");
        } finally {
            tracker.close();
        }
    }
}
