package nl.trajectorytracker.infra.audit;

import static nl.trajectorytracker.infra.audit.RecordedTrajectories.verifyOffline;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;

/**
 * Whoever hands an auditor a bundle may edit it before: each commit is signed and each log entry proven, so all
 * that is left is to leave some out. Commits cut out of the middle, with their log entries, verified OK ("55
 * events"), and so did a bundle with its last commit cut off. The entries must follow on from each other, and the
 * service signs the trajectory's head into the bundle.
 */
class EditedBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @TempDir
    static Path files;

    private static RunningTracker tracker;
    private static String bundle;
    private static Path key;

    @BeforeAll
    static void export() throws Exception {
        tracker = RunningTracker.start(data);
        String id = RecordedTrajectories.recorded(tracker, tracker.negotiator());
        RunningTracker.Client auditor = tracker.createAuditor("edited-bundle-auditor");
        RunningTracker.Response exported = auditor.get("/api/trajectories/" + id + "/export");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        bundle = exported.body();
        key = Files.writeString(files.resolve("key.pem"), auditor.get("/api/audit/public-key").body());
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static RecordedTrajectories.Offline verifyEdited(String name, Consumer<ObjectNode> edit)
            throws Exception {
        ObjectNode edited = (ObjectNode) JSON.readTree(bundle);
        edit.accept(edited);
        Path file = Files.writeString(files.resolve(name + ".json"), JSON.writeValueAsString(edited));
        return verifyOffline(file, OfflineVerifier.KEY_OPTION + key);
    }

    /** The last commit and its log entry left out. */
    private static void cutOffTheLastCommit(ObjectNode edited) {
        ArrayNode commits = (ArrayNode) edited.get("commits");
        ArrayNode log = (ArrayNode) edited.get("log");
        commits.remove(commits.size() - 1);
        log.remove(log.size() - 1);
    }

    @Test
    void theBundleAsExported_verifies() throws Exception {
        assertThat(verifyEdited("as-exported", edited -> { }).exitCode()).isEqualTo(OfflineVerifier.VERIFIED);
    }

    @Test
    void commitsCutOutOfTheMiddle_withTheirLogEntries_areMissing() throws Exception {
        RecordedTrajectories.Offline offline = verifyEdited("middle", edited -> {
            ((ArrayNode) edited.get("commits")).remove(2);
            ((ArrayNode) edited.get("log")).remove(2);
        });

        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(offline.output()).contains("EVENT_MISSING").contains("sequence 2");
    }

    @Test
    void theLastCommitCutOff_withItsLogEntry_isATruncatedTail() throws Exception {
        RecordedTrajectories.Offline offline = verifyEdited("tail", EditedBundleTest::cutOffTheLastCommit);

        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(offline.output()).contains("TAIL_TRUNCATED");
    }

    @Test
    void theSignedHeadChangedOrStripped_isNoWayAroundIt() throws Exception {
        RecordedTrajectories.Offline moved = verifyEdited("head-moved", edited -> {
            cutOffTheLastCommit(edited);
            ObjectNode head = (ObjectNode) edited.get("head");
            head.put("sequence", head.get("sequence").asLong() - 1);
        });
        assertThat(moved.exitCode()).as(moved.output()).isEqualTo(OfflineVerifier.BROKEN);

        // passed off as a bundle of the format before the signed head: it cannot show its end is whole
        RecordedTrajectories.Offline older = verifyEdited("older-format", edited -> {
            cutOffTheLastCommit(edited);
            edited.remove("head");
            edited.put("format", "trajectory-tracker-audit-bundle/3");
        });
        assertThat(older.exitCode()).as(older.output()).isEqualTo(OfflineVerifier.INCOMPLETE);
        assertThat(older.output()).contains("earlier format");
    }
}
