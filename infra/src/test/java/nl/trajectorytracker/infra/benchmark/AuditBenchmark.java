package nl.trajectorytracker.infra.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.audit.AuditLog;
import nl.trajectorytracker.infra.audit.AuditTrail;

/**
 * What the audit trail costs where users feel it, on a trajectory of 10 events and one of 10,000: a step (its commit
 * is linked and signed as it is appended), the log taking that commit in and signing a tree head, a verification
 * and a one-event history page. The audit issue's goal: signing after one new event on the long trajectory within
 * 1.5 times the short one. Figures go to {@code bench-results/audit.md} and {@code .json}, with the machine.
 * Run with {@code ./mvnw -pl infra -am -Pbench -DskipTests verify}.
 */
public final class AuditBenchmark {

    private static final Actor ACTOR = new Actor("benchmark", "Zilveren Kruis");
    private static final List<Party> PARTIES = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
            new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int longHistory = Integer.getInteger("bench.longHistory", 10_000);
        int samples = Integer.getInteger("bench.auditSamples", 300);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path data = Files.createTempDirectory("tracker-audit-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        results.put("jvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        results.put("longHistory", longHistory);
        results.put("samples", samples);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN", "--tracker.audit.take-in-interval=1h",
                        "--tracker.audit.tree-head-interval=1h",
                        "--TRACKER_ADMIN_TOKEN=tt_benchmark-admin-token-0123456789abcdef")) {
            CommandGateway gateway = app.getBean(CommandGateway.class);
            AuditLog log = app.getBean(AuditLog.class);
            AuditTrail trail = app.getBean(AuditTrail.class);
            TrajectoryId small = started(gateway, 10);
            TrajectoryId large = started(gateway, longHistory);
            log.takeIn();
            log.signTreeHead();

            // warm-up, then the two trajectories in turn, so that both see the same machine
            for (int i = 0; i < samples; i++) {
                step(gateway, i % 2 == 0 ? small : large);
            }
            log.takeIn();
            log.signTreeHead();
            long[][] step = new long[2][samples];
            long[][] signing = new long[2][samples];
            long[][] verify = new long[2][Math.max(1, samples / 10)];
            long[][] page = new long[2][samples];
            TrajectoryId[] both = {small, large};
            long[] events = {10 + (samples + 1) / 2, longHistory + samples / 2};
            for (int i = 0; i < samples; i++) {
                for (int t = 0; t < 2; t++) {
                    TrajectoryId trajectory = both[t];
                    step[t][i] = timed(() -> step(gateway, trajectory));
                    long last = events[t]++;
                    signing[t][i] = timed(() -> {
                        log.takeIn();
                        log.signTreeHead();
                        return 0;
                    });
                    String id = trajectory.value();
                    page[t][i] = timed(() -> trail.history(id, last, 1).events().size());
                    if (i % 10 == 0) {
                        verify[t][i / 10] = timed(() -> trail.verify(id).eventsChecked());
                    }
                }
            }
            results.put("step", figures(step));
            results.put("takeInAndSignTreeHead", figures(signing));
            results.put("historyPageOfOne", figures(page));
            results.put("verifyWholeTrajectory", figures(verify));
        }
        write(output, results);
        // Axon's timeout janitor would keep the JVM, and the benchmark's Maven run, alive for good
        System.exit(0);
    }

    private static TrajectoryId started(CommandGateway gateway, int events) {
        TrajectoryId id = TrajectoryId.random();
        gateway.sendAndWait(new StartTrajectory(id, "Benchmark trajectory of " + events + " events", PARTIES, ACTOR,
                Instant.now()));
        for (int i = 1; i < events; i++) {
            step(gateway, id);
        }
        return id;
    }

    private static long step(CommandGateway gateway, TrajectoryId id) {
        gateway.sendAndWait(new AddNote(id, "A meeting was held and its minutes filed", ACTOR, Instant.now()));
        return 0;
    }

    private static long timed(LongSupplier action) {
        long start = System.nanoTime();
        action.getAsLong();
        return System.nanoTime() - start;
    }

    /** p50 and p99 in milliseconds for the short and the long trajectory, and the long one's p50 over the short's. */
    private static Map<String, Object> figures(long[][] nanos) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double[] p50 = new double[2];
        String[] names = {"short", "long"};
        for (int t = 0; t < 2; t++) {
            long[] sorted = nanos[t].clone();
            Arrays.sort(sorted);
            p50[t] = sorted[sorted.length / 2] / 1e6;
            double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
            figures.put(names[t], Map.of("p50Ms", round(p50[t]), "p99Ms", round(p99)));
        }
        figures.put("longOverShortP50", round(p50[1] / p50[0]));
        return figures;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @SuppressWarnings("unchecked")
    private static void write(Path output, Map<String, Object> results) throws Exception {
        Files.createDirectories(output);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(output.resolve("audit.json").toFile(), results);
        List<String> lines = new ArrayList<>();
        lines.add("# Audit trail cost on a short and a long trajectory");
        lines.add("");
        lines.add("Run of " + results.get("date") + " on " + results.get("cores") + " cores, heap "
                + results.get("maxHeapMb") + " MB; " + results.get("samples") + " samples each; long trajectory: "
                + results.get("longHistory") + " events, short: 10. Times in milliseconds.");
        lines.add("");
        lines.add("| what | short p50 | short p99 | long p50 | long p99 | long / short (p50) |");
        lines.add("| --- | --- | --- | --- | --- | --- |");
        for (String figure : List.of("step", "takeInAndSignTreeHead", "historyPageOfOne",
                "verifyWholeTrajectory")) {
            Map<String, Object> values = (Map<String, Object>) results.get(figure);
            Map<String, Object> small = (Map<String, Object>) values.get("short");
            Map<String, Object> large = (Map<String, Object>) values.get("long");
            lines.add("| " + figure + " | " + small.get("p50Ms") + " | " + small.get("p99Ms") + " | "
                    + large.get("p50Ms") + " | " + large.get("p99Ms") + " | " + values.get("longOverShortP50")
                    + " |");
        }
        lines.add("");
        lines.add("A step links and signs its commit as it is appended; taking it into the log and signing a tree head"
                + " costs O(log n). Only the whole-trajectory verification reads every event.");
        Files.write(output.resolve("audit.md"), lines);
    }
}
