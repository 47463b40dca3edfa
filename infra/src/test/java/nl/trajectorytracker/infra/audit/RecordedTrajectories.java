package nl.trajectorytracker.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/** What the audit tests share: a trajectory of six events recorded over HTTP, and the offline command. */
final class RecordedTrajectories {

    /** Five steps of phase 1 after the start: sequences 1 to 5. */
    static final String[] STEPS = {
        "strategic-goals", """
            {"goalId": "G1",
             "goal": "Move from yearly volume deals to a multi-year agreement on value for patients",
             "challenge": "Waiting lists for orthopaedics grow while premiums must stay affordable"}
            """,
        "internal-interests", """
            {"interest": "Predictable costs for the orthopaedic purchasing budget", "heldBy": "Finance department"}
            """,
        "relevant-developments", """
            {"development": "The IZA asks for appropriate care and regional cooperation",
             "impact": "Supports a multi-year regional agreement"}
            """,
        "batna", """
            {"batna": "Contract the orthopaedic volume with two other hospitals in the region",
             "why": "Both have capacity and comparable outcomes"}
            """,
        "batna-revisions", """
            {"batna": "A one-year volume contract at last year's prices",
             "why": "One of the alternative hospitals no longer has capacity"}
            """};

    private RecordedTrajectories() {
    }

    /** A trajectory with five steps after its start (sequences 0 to 5), taken into the log under a tree head. */
    static String recorded(RunningTracker tracker, RunningTracker.Client negotiator) {
        String id = negotiator.startTrajectory("Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years");
        for (int i = 0; i < STEPS.length; i += 2) {
            RunningTracker.Response step = negotiator.post("/api/trajectories/" + id + "/" + STEPS[i], STEPS[i + 1]);
            assertThat(step.status()).as(STEPS[i] + ": " + step.body()).isEqualTo(200);
        }
        checkpoint(tracker);
        return id;
    }

    /** What an administrator's checkpoint run does: every commit taken into the log, a tree head signed. */
    static void checkpoint(RunningTracker tracker) {
        RunningTracker.Response run = tracker.asAdmin().post("/api/admin/audit/checkpoints", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
    }

    /** Work on the tracker's database through a plain MongoDB client, as a database administrator would. */
    static void asDatabaseAdministrator(RunningTracker tracker, Consumer<MongoDatabase> work) {
        try (MongoClient administrator = MongoClients.create(
                tracker.bean(EmbeddedMongo.class).connectionString("tracker"))) {
            work.accept(administrator.getDatabase("tracker"));
        }
    }

    /** What the offline command printed and answered. */
    record Offline(int exitCode, String output) {
    }

    static Offline verifyOffline(Path bundle, String... more) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(OfflineVerifier.BUNDLE_OPTION + bundle));
        args.addAll(List.of(more));
        int exit = OfflineVerifier.run(args.toArray(String[]::new),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Offline(exit, output.toString(StandardCharsets.UTF_8));
    }
}
