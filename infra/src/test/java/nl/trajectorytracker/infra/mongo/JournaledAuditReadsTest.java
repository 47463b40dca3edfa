package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.infra.security.TrackerAuthentication;
import nl.trajectorytracker.infra.security.TrackerPrincipal;
import nl.trajectorytracker.infra.audit.accesslog.AuditAccessLog;

/**
 * On the embedded default an audit read is recorded like an event commit: journaled before the store's next commit,
 * so a crash does not take back who read what, and restored once, under the id it was recorded with.
 */
class JournaledAuditReadsTest {

    @TempDir
    Path data;

    @AfterEach
    void forgetTheReader() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAuditRead_isInTheJournal_beforeTheStoreIsCommitted() {
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        Object recordedId;
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoDatabase database = client.getDatabase("tracker");
            AuditAccessLog accessLog = new AuditAccessLog(database, Clock.systemUTC(), embedded.durabilityBarrier());
            SecurityContextHolder.getContext().setAuthentication(new TrackerAuthentication(
                    new TrackerPrincipal("auditor-1", "Ada Auditor", Role.AUDITOR, null, List.of())));
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/trajectories/t-1/history");
            MockHttpServletResponse response = new MockHttpServletResponse();
            response.setStatus(200);

            accessLog.afterCompletion(request, response, null, null);

            Document recorded = database.getCollection("audit_access_log").find().first();
            assertThat(recorded).isNotNull();
            recordedId = recorded.get("_id");
            // read while the service runs, before any commit of the store: what a crash now would leave
            try (InsertJournal journal = new InsertJournal(data, false)) {
                assertThat(journal.entries()).filteredOn(entry -> entry.collection().equals("audit_access_log"))
                        .singleElement()
                        .satisfies(entry -> {
                            assertThat(entry.document().get("_id")).isEqualTo(recordedId);
                            assertThat(entry.document().getString("who")).isEqualTo("Ada Auditor");
                            assertThat(entry.document().getString("action")).isEqualTo("history");
                        });
            }
        } finally {
            embedded.close();
        }
    }
}
