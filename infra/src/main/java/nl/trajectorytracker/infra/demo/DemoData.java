package nl.trajectorytracker.infra.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.security.Account;
import nl.trajectorytracker.infra.security.AccountStore;
import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.query.research.ResearchStudies;
import nl.trajectorytracker.query.research.StudyRequest;

/**
 * The example trajectories of {@code demo/trajectories.json}, written from the playbook, sent as real commands
 * through the command gateway, the demo accounts that can look at them, and the study {@value #DEMO_STUDY} (k = 5)
 * that the demo researcher is bound to.
 *
 * <p>Idempotent: the trajectories have fixed ids and one that exists already is skipped; accounts that exist are
 * kept. Every demo account's token is written to {@code <data-dir>/demo-tokens} (owner-only, a shell file of
 * {@code DEMO_...=tt_...} lines); a token is issued only for an account the file does not list yet.
 */
@Component
public class DemoData {

    public static final String SCRIPT = "demo/trajectories.json";
    public static final String TOKEN_FILE = "demo-tokens";
    public static final String AUDITOR = "demo-auditor";
    public static final String RESEARCHER = "demo-researcher";
    public static final String DEMO_STUDY = "demo-study";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CommandGateway commands;
    private final EventStore events;
    private final AccountStore accounts;
    private final ResearchStudies studies;
    private final Path dataDirectory;
    private final StepCommands steps = new StepCommands();

    public DemoData(CommandGateway commands, EventStore events, AccountStore accounts, ResearchStudies studies,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.commands = commands;
        this.events = events;
        this.accounts = accounts;
        this.studies = studies;
        this.dataDirectory = dataDirectory;
    }

    /** What a load did. */
    public record Loaded(List<String> started, List<String> skipped, int steps, Path tokenFile) {
    }

    /** Loads the demo trajectories that do not exist yet and makes sure the demo accounts exist. */
    public Loaded load() {
        JsonNode script = readScript();
        Set<String> organisations = new LinkedHashSet<>();
        List<String> started = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int sent = 0;
        for (JsonNode trajectory : script.get("trajectories")) {
            trajectory.get("parties").forEach(party -> organisations.add(party.get("organisationName").asText()));
            TrajectoryId id = new TrajectoryId(trajectory.get("id").asText());
            if (exists(id)) {
                skipped.add(id.value());
                continue;
            }
            sent += send(id, trajectory);
            started.add(id.value());
            log.info("Demo trajectory loaded: {} ({})", trajectory.get("title").asText(), id);
        }
        studies.ensure(DEMO_STUDY, new StudyRequest("Demo study", "Trust, contract forms and phase durations across the"
                + " demo and synthetic trajectories", 5, List.of(), List.of()), "demo");
        Path tokenFile = ensureAccounts(organisations);
        return new Loaded(started, skipped, sent, tokenFile);
    }

    private boolean exists(TrajectoryId id) {
        return events.lastSequenceNumberFor(id.value()).isPresent();
    }

    private int send(TrajectoryId id, JsonNode trajectory) {
        List<Party> parties = new ArrayList<>();
        trajectory.get("parties").forEach(party -> parties.add(steps.json().convertValue(party, Party.class)));
        String lead = trajectory.path("lead").asText(parties.get(0).organisationName());
        TrajectoryId predecessor = trajectory.hasNonNull("predecessorId")
                ? new TrajectoryId(trajectory.get("predecessorId").asText()) : null;
        Clock times = new Clock();
        commands.sendAndWait(new StartTrajectory(id, trajectory.get("title").asText(), parties, null, predecessor,
                actorOf(lead), times.at(trajectory.get("on").asText())));
        int sent = 1;
        for (JsonNode step : trajectory.get("steps")) {
            String as = step.path("as").asText(lead);
            Object command = steps.command(step.get("command").asText(), (ObjectNode) step, id, actorOf(as),
                    times.at(step.get("on").asText()));
            try {
                commands.sendAndWait(command);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Demo step " + step.get("command").asText() + " on " + id
                        + " was refused: " + e.getMessage(), e);
            }
            sent++;
        }
        return sent;
    }

    /** The demo negotiator of an organisation, as the actor of its steps. */
    public static Actor actorOf(String organisation) {
        return new Actor(accountName(organisation), organisation);
    }

    static String accountName(String organisation) {
        return "demo-" + organisation.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static String variable(String accountName) {
        return accountName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private Path ensureAccounts(Set<String> organisations) {
        Map<String, Account> byName = new HashMap<>();
        accounts.allAccounts().forEach(account -> byName.put(account.name(), account));
        Map<String, Account> wanted = new LinkedHashMap<>();
        for (String organisation : organisations) {
            String name = accountName(organisation);
            wanted.put(name, existingOr(byName, name, Role.NEGOTIATOR, organisation, List.of()));
        }
        wanted.put(AUDITOR, existingOr(byName, AUDITOR, Role.AUDITOR, null, List.of()));
        wanted.put(RESEARCHER, existingOr(byName, RESEARCHER, Role.RESEARCHER, null, List.of(DEMO_STUDY)));

        Path file = dataDirectory.resolve(TOKEN_FILE).toAbsolutePath();
        Map<String, String> lines = readTokenFile(file);
        boolean changed = false;
        for (Account account : wanted.values()) {
            String key = variable(account.name());
            if (!lines.containsKey(key) && account.active()) {
                lines.put(key, accounts.issueToken(account.id()).token());
                changed = true;
            }
        }
        if (changed) {
            writeOwnerOnly(file, lines);
            log.warn("Demo accounts ready; their API tokens are in {} (readable by you only; `source` it in a shell)",
                    file);
        } else {
            log.info("Demo accounts exist; their API tokens are in {}", file);
        }
        return file;
    }

    private Account existingOr(Map<String, Account> byName, String name, Role role, String organisation,
            List<String> studies) {
        Account existing = byName.get(name);
        return existing != null ? existing : accounts.create(name, role, organisation, studies);
    }

    private static Map<String, String> readTokenFile(Path file) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    lines.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return lines;
    }

    private static void writeOwnerOnly(Path file, Map<String, String> lines) {
        StringBuilder content = new StringBuilder(
                "# API tokens of the demo accounts (created by --demo). Keep private. Use: source " + file + "\n");
        lines.forEach((key, token) -> content.append(key).append('=').append(token).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo tokens to " + file, e);
        }
    }

    private JsonNode readScript() {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SCRIPT);
            }
            return steps.json().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Steps on the same day are ten minutes apart, from nine in the morning (UTC). */
    private static final class Clock {
        private LocalDate day;
        private int ordinal;

        Instant at(String date) {
            LocalDate on = LocalDate.parse(date);
            ordinal = on.equals(day) ? ordinal + 1 : 0;
            day = on;
            return on.atTime(9, 0).plusMinutes(10L * ordinal).toInstant(ZoneOffset.UTC);
        }
    }
}
