package nl.trajectorytracker.infra.mongo;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.audit.accesslog.AuditAccessLog;
import nl.trajectorytracker.infra.security.AccountStore;
import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.infra.security.TrackerAuthentication;
import nl.trajectorytracker.infra.security.TrackerPrincipal;
import nl.trajectorytracker.infra.security.erasure.PersonalDataVault;
import nl.trajectorytracker.query.research.ResearchStudies;
import nl.trajectorytracker.query.research.StudyRequest;

/**
 * Child process of {@link EveryStoreCrashRecoveryTest}: boots the application and writes through each of its stores
 * until it is killed, printing a line for every write that was acknowledged. The data file is never committed while
 * it writes: whatever survives, the embedded server's journal kept.
 */
public final class EveryStoreWriter {

    static final String PROCESSOR = "crash-test";

    private EveryStoreWriter() {
    }

    public static void main(String[] args) {
        try {
            write(args[0]);
        } catch (Throwable e) {
            // the test waits for lines: a writer that cannot go on says so and ends, instead of idling
            e.printStackTrace(System.out);
            System.out.println("FAILED " + e);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void write(String dataDirectory) {
        var context = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + dataDirectory, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN", "--tracker.embedded-mongo.commit-interval=1h");
        CommandGateway commands = context.getBean(CommandGateway.class);
        AccountStore accounts = context.getBean(AccountStore.class);
        PersonalDataVault vault = context.getBean(PersonalDataVault.class);
        IdempotencyStore idempotency = context.getBean(IdempotencyStore.class);
        TokenStore tokens = context.getBean(TokenStore.class);
        EventStorageEngine storage = context.getBean(EventStorageEngine.class);
        ResearchStudies studies = context.getBean(ResearchStudies.class);
        AuditAccessLog accessLog = context.getBean(AuditAccessLog.class);
        SecurityContextHolder.getContext().setAuthentication(new TrackerAuthentication(
                new TrackerPrincipal("auditor-1", "Ada Auditor", Role.AUDITOR, null, List.of())));
        tokens.initializeTokenSegments(PROCESSOR, 1);
        tokens.fetchToken(PROCESSOR, 0);
        System.out.println("READY");
        List<Party> parties = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));
        for (int i = 0; ; i++) {
            TrajectoryId id = TrajectoryId.random();
            commands.sendAndWait(new StartTrajectory(id, "Crash test " + i, parties, Actor.system(), Instant.now()));
            ack("trajectory", id.value());

            String account = accounts.create("crash-account-" + i, Role.NEGOTIATOR, "Zilveren Kruis", List.of())
                    .id();
            ack("account", account);
            ack("token", accounts.issueToken(account).stored().id());

            vault.seal("subject-" + i, "Jan Jansen");
            ack("subject", "subject-" + i);
            if (i % 3 == 2) {
                // an erasure under way when the process dies may or may not have happened: it is not acknowledged
                ack("erasing", "subject-" + (i - 1));
            }
            if (i % 3 == 2 && vault.erase("subject-" + (i - 1))) {
                ack("erased", "subject-" + (i - 1));
            }

            idempotency.claim("crash-negotiator", "key-" + i, new IdempotencyStore.Request("POST /x", "f-" + i));
            idempotency.complete("crash-negotiator", "key-" + i,
                    new IdempotencyStore.Outcome("POST /x", "f-" + i, 201, id.value(), 1, null));
            ack("idempotency", "key-" + i);

            tokens.storeToken(new GlobalSequenceTrackingToken(i), PROCESSOR, 0);
            ack("tracking-token", Integer.toString(i));

            storage.storeSnapshot(new GenericDomainEventMessage<>("Snapshot", "snapshot-" + i, 0, "state " + i));
            ack("snapshot", "snapshot-" + i);

            ack("study", studies.create(new StudyRequest("Study " + i, "Durability", null, null, null),
                    "crash-admin").id());

            MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/trajectories/" + id.value()
                    + "/history");
            MockHttpServletResponse answered = new MockHttpServletResponse();
            answered.setStatus(200);
            accessLog.afterCompletion(read, answered, null, null);
            ack("audit-read", id.value());
        }
    }

    private static void ack(String store, String what) {
        System.out.println("ACK " + store + " " + what);
    }
}
