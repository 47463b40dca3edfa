package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.asDatabaseAdministrator;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.checkpoint;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A start takes the audit log's entries from its signed segments instead of reading every entry: the trajectories'
 * heads and breaks come back as they were, an entry changed under a segment is still found (in the background, and
 * when it is served), and a segment changed in the database is not believed.
 */
class LogSegmentsTest {

    private static final String FOUR_ENTRIES_A_SEGMENT = "tracker.audit.entries-per-segment=4";

    @TempDir
    Path data;

    @Test
    void aRestartTakesTheLogFromItsSegments_andStillFindsAnEntryChangedUnderOne() {
        String first;
        String second;
        String auditorToken;
        String negotiatorToken;
        try (RunningTracker tracker = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            RunningTracker.Client negotiator = tracker.negotiator();
            negotiatorToken = negotiator.token();
            auditorToken = tracker.createAuditor("audrey-auditor").token();
            first = recorded(tracker, negotiator);
            second = recorded(tracker, negotiator);
            List<Document> segments = segments(tracker);
            assertThat(segments).as("twelve entries in segments of four").hasSize(3);
            assertThat(segments).extracting(segment -> segment.getLong("_id")).containsExactly(0L, 4L, 8L);
            // a database administrator changes the verdict of an entry the first segment covers
            asDatabaseAdministrator(tracker, database -> database.getCollection(AuditLog.ENTRIES).updateOne(eq("_id", 1L),
                    Updates.set("verdict", "ADOPTED")));
        }

        try (RunningTracker restarted = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            RunningTracker.Client auditor = restarted.as(auditorToken);
            RunningTracker.Client negotiator = restarted.as(negotiatorToken);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditLogProblem(restarted))
                    .contains("entry 1 of the stored audit log was changed in the database"));
            assertThat(auditLogProblem(restarted)).as("the log is not frozen").doesNotContain("frozen");
            assertVerified(auditor, first);
            assertVerified(auditor, second);

            RunningTracker.Response step = negotiator.post("/api/trajectories/" + first + "/notes",
                    "{\"text\": \"Recorded after the restart\"}");
            assertThat(step.status()).as(step.body()).isEqualTo(200);
            checkpoint(restarted);
            assertThat(auditor.get("/api/trajectories/" + first + "/verify").json().get("eventsChecked").asInt())
                    .as("the new step extends the head the segment held").isEqualTo(7);
            assertVerified(auditor, first);
        }
    }

    @Test
    void aSegmentChangedInTheDatabase_isNotBelieved_andTheEntriesAreReadInstead() {
        String first;
        String second;
        String auditorToken;
        try (RunningTracker tracker = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            RunningTracker.Client negotiator = tracker.negotiator();
            auditorToken = tracker.createAuditor("audrey-auditor").token();
            first = recorded(tracker, negotiator);
            second = recorded(tracker, negotiator);
            assertThat(segments(tracker)).hasSize(3);
            // the first segment's first entry attributed to the second trajectory
            asDatabaseAdministrator(tracker, database -> database.getCollection(LogSegments.COLLECTION).updateOne(eq("_id", 0L),
                    Updates.set("trajectories.0", second)));
        }

        try (RunningTracker restarted = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            RunningTracker.Client auditor = restarted.as(auditorToken);
            assertVerified(auditor, first);
            assertVerified(auditor, second);
            assertThat(auditLogProblem(restarted)).as("the entries were read, and they are intact").isEmpty();
        }
    }

    @Test
    void anEntryDeletedAfterTheSegments_freezesTheLogAtTheStart() {
        try (RunningTracker tracker = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            RunningTracker.Client negotiator = tracker.negotiator();
            for (int i = 0; i < 3; i++) {
                recorded(tracker, negotiator);
            }
            assertThat(segments(tracker)).as("eighteen entries: four segments, two entries after them").hasSize(4);
            asDatabaseAdministrator(tracker, database -> database.getCollection(AuditLog.ENTRIES).deleteOne(eq("_id", 16L)));
        }

        try (RunningTracker restarted = RunningTracker.start(data, FOUR_ENTRIES_A_SEGMENT)) {
            assertThat(auditLogProblem(restarted)).contains("the audit log is frozen")
                    .contains("the stored audit log holds 16 in one piece");
        }
    }

    private static List<Document> segments(RunningTracker tracker) {
        List<Document> segments = new ArrayList<>();
        asDatabaseAdministrator(tracker, database -> database.getCollection(LogSegments.COLLECTION).find()
                .sort(new Document("_id", 1)).into(segments));
        return segments;
    }

    private static String auditLogProblem(RunningTracker tracker) {
        JsonNode health = tracker.asAdmin().get("/actuator/health").json();
        return health.at("/components/audit/details/log").asText();
    }

    private static void assertVerified(RunningTracker.Client auditor, String trajectory) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + trajectory + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).as(response.body()).isEqualTo("OK");
    }
}
