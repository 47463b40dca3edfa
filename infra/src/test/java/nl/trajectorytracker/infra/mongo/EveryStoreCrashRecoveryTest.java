package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.audit.AuditLog;
import nl.trajectorytracker.infra.security.AccountStore;
import nl.trajectorytracker.infra.security.erasure.PersonalDataVault;
import nl.trajectorytracker.query.research.ResearchStudies;

/**
 * A process killed with SIGKILL while it writes through every store of the application loses nothing any of them
 * acknowledged, brings back nothing it erased, and leaves the audit log whole: durability is the embedded server's,
 * whoever writes (event commits, snapshots, tracking tokens, idempotency claims and outcomes, accounts and tokens,
 * personal-data keys and their erasure, research studies, the audit access log, and the audit log's own entries
 * and tree heads, which it writes in the background).
 */
class EveryStoreCrashRecoveryTest {

    @TempDir
    Path data;

    @Test
    void afterSigkill_everyStoreHoldsWhatItAcknowledged_andNothingErasedComesBack() throws Exception {
        Map<String, List<String>> acknowledged = writeUntilKilled(60);
        assertThat(acknowledged.get("trajectory")).hasSizeGreaterThanOrEqualTo(60);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(
                TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN",
                        // the killed writer's claim on its token is void: no need to wait for it to expire
                        "--tracker.processors.claim-timeout=1ms")) {
            EventStorageEngine storage = restarted.getBean(EventStorageEngine.class);
            MongoDatabase database = restarted.getBean(MongoDatabase.class);
            for (String id : acknowledged.get("trajectory")) {
                assertThat(storage.readEvents(id).asStream().count()).as("events of " + id).isEqualTo(1);
            }
            for (String id : acknowledged.get("snapshot")) {
                assertThat(storage.readSnapshot(id)).as("snapshot " + id).isPresent();
            }
            AccountStore accounts = restarted.getBean(AccountStore.class);
            for (String id : acknowledged.get("account")) {
                assertThat(accounts.findAccount(id)).as("account " + id).isPresent();
            }
            for (String id : acknowledged.get("token")) {
                assertThat(accounts.findTokenById(id)).as("API token " + id).isPresent();
            }
            PersonalDataVault vault = restarted.getBean(PersonalDataVault.class);
            List<String> erased = acknowledged.getOrDefault("erased", List.of());
            assertThat(erased).isNotEmpty();
            List<String> underWay = acknowledged.getOrDefault("erasing", List.of());
            for (String subject : acknowledged.get("subject")) {
                if (underWay.contains(subject) && !erased.contains(subject)) {
                    continue; // killed while erasing it: either outcome is what a crash may leave
                }
                Document mapping = database.getCollection("personal_data_subjects")
                        .find(new Document("_id", vault.subjectIdOf(subject)))
                        .first();
                assertThat(mapping != null).as("key of " + subject).isEqualTo(!erased.contains(subject));
            }
            IdempotencyStore idempotency = restarted.getBean(IdempotencyStore.class);
            for (String key : acknowledged.get("idempotency")) {
                assertThat(idempotency.claim("crash-negotiator", key, new IdempotencyStore.Request("POST /x",
                        "f-" + key.substring("key-".length()))))
                        .as("outcome of " + key).isInstanceOf(IdempotencyStore.Completed.class);
            }
            TokenStore tokens = restarted.getBean(TokenStore.class);
            List<String> stored = acknowledged.get("tracking-token");
            TrackingToken token = tokens.fetchToken(EveryStoreWriter.PROCESSOR, 0);
            assertThat(((GlobalSequenceTrackingToken) token).getGlobalIndex())
                    .isGreaterThanOrEqualTo(Long.parseLong(stored.get(stored.size() - 1)));
            ResearchStudies studies = restarted.getBean(ResearchStudies.class);
            for (String id : acknowledged.get("study")) {
                assertThat(studies.one(id).id()).isEqualTo(id);
            }
            for (String id : acknowledged.get("audit-read")) {
                assertThat(database.getCollection("audit_access_log").countDocuments(new Document("trajectoryId", id)))
                        .as("audit read of " + id).isEqualTo(1);
            }
            AuditLog log = restarted.getBean(AuditLog.class);
            assertThat(log.frozen()).as("the audit log agrees with every tree head it witnessed").isNull();
        }
    }

    /** Starts the writer, lets it acknowledge {@code trajectories} commands, and kills it. */
    private Map<String, List<String>> writeUntilKilled(int trajectories) throws Exception {
        Map<String, List<String>> acknowledged = new LinkedHashMap<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EveryStoreWriter.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        // reading blocks: past the deadline the child is killed, which ends the output
        Thread watchdog = new Thread(() -> {
            try {
                if (!child.waitFor(300, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ", 3);
                    acknowledged.computeIfAbsent(parts[1], store -> new ArrayList<>()).add(parts[2]);
                } else if (output.size() < 200) {
                    output.add(line);
                }
                if (acknowledged.getOrDefault("trajectory", List.of()).size() >= trajectories) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no commit of the data file
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            watchdog.interrupt();
        }
        assertThat(acknowledged.getOrDefault("trajectory", List.of()))
                .as("the writer stopped before it was killed:\n" + String.join("\n", output))
                .hasSizeGreaterThanOrEqualTo(trajectories);
        return acknowledged;
    }
}
