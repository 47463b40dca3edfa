package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.timeout.AxonTaskJanitor;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;
import nl.trajectorytracker.query.trajectoryoverview.TrajectoryOverviewProjection;

/**
 * Measures the event store against the raw MongoDB driver on the same server, in one run, and writes the ratios
 * to {@code bench-results/event-store.md} (and {@code .json}). The machines are noisy, so only ratios measured
 * side by side are meaningful.
 *
 * <ul>
 * <li>P1: command append rate through the command gateway over the raw driver's insert rate of documents of the
 * size of a stored commit; measured with the read models running (as in production) and with them paused.</li>
 * <li>P2: full rebuild rate of a projection over the raw driver's read rate of the stored commits.</li>
 * <li>P3: command latency on a trajectory with 10,000 events over one with 10 events.</li>
 * </ul>
 * Run with {@code ./mvnw -pl infra -am -Pbench -DskipTests verify}, which starts it in a JVM of its own with a fixed,
 * pre-touched heap ({@code -Dbench.heap=3g}; sizes through {@code -Dbench.options=-Dbench.commands=...}).
 */
public final class EventStoreBenchmark {

    private static final Actor ACTOR = new Actor("benchmark", "Zilveren Kruis");
    private static final List<Party> PARTIES = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
            new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));

    /** Rebuilds (and raw read passes) measured, the best of them counts: single runs vary up to twofold. */
    private static final int REBUILD_ROUNDS = 7;
    /** Commands (or raw inserts) per warm-up round. */
    private static final int WARM_UP_ROUND = 1_000;
    /** The share of a round's time the JIT may spend compiling for the round to count as compiled. */
    private static final double SETTLED_JIT_SHARE = 0.05;
    /** At most this many unmeasured rounds of P1's measured work before its measured rounds. */
    private static final int MEASURED_ROUNDS_TO_SETTLE = 8;

    private EventStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = Integer.getInteger("bench.commands", 5_000);
        int longHistory = Integer.getInteger("bench.longHistory", 10_000);
        int latencySamples = Integer.getInteger("bench.latencySamples", 1_000);
        int warmUpRounds = Integer.getInteger("bench.warmUpRounds", 120);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path data = Files.createTempDirectory("tracker-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("jvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        results.put("commands", commands);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN",
                        "--TRACKER_ADMIN_TOKEN=tt_benchmark-admin-token-0123456789abcdef")) {
            CommandGateway gateway = app.getBean(CommandGateway.class);
            MongoDatabase database = app.getBean(MongoDatabase.class);

            // warm-up until the JIT has compiled what is measured: on two cores the compiler threads took a third
            // of the CPU for the first minute (measured: 5,000 commands left C2 busy for another 40 seconds), so
            // a measurement right after a fixed warm-up compared our code half-compiled with a raw path compiled.
            // The rounds alternate raw inserts and commands as the measurement does: warmed up one after the other,
            // the switch to alternating set the JIT off again (it compiled 59% to 89% of the measured rounds' time,
            // recompiling the driver's and the server's code for the mix of both)
            List<TrajectoryId> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                warm.add(start(gateway));
            }
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            int[] warmUpCommands = {0};
            Runnable warmUpCommandRound = () -> {
                for (int i = 0; i < WARM_UP_ROUND; i++) {
                    gateway.sendAndWait(new AddNote(warm.get(warmUpCommands[0]++ % warm.size()), "warm-up", ACTOR,
                            Instant.now()));
                }
                // the read models' handlers are part of the round: they run beside the commands in production
                awaitAllCaughtUp(processing);
            };
            warmUpCommandRound.run();
            // the raw inserts copy a stored note's commit, so that both sides write documents of the same size
            Document sample = database.getCollection("event_commits").find().sort(new Document("_id", -1)).first();
            int commitSize = sample.toJson().length();
            results.put("commitDocumentBytes", commitSize);
            MongoCollection<Document> raw = database.getCollection("bench_raw_inserts");
            int mixedRounds = untilCompiled("raw inserts and commands in turn", warmUpRounds, () -> {
                rawInserts(raw, sample, WARM_UP_ROUND);
                raw.drop();
                warmUpCommandRound.run();
            });
            results.put("warmUpCommands", warmUpCommands[0]);
            results.put("warmUpRounds", mixedRounds);

            // P1 — appends through the command gateway vs raw inserts of same-sized documents (see appendRates)
            List<TrajectoryId> trajectories = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                trajectories.add(start(gateway));
            }
            AppendRates live = appendRates(gateway, trajectories, raw, sample, commands, "read models live",
                    processing);
            double rawInsertRate = live.rawInserts();
            double commandRate = live.commands();
            double jitShareDuringCommands = live.jitShare();
            raw.drop();
            double rawDurableInsertRate = rawInserts(database.getCollection("bench_raw_durable"), sample, commands);
            results.put("jitShareDuringCommands", round(jitShareDuringCommands));
            results.put("rawInsertsPerSecond", round(rawInsertRate));
            results.put("rawDurableInsertsPerSecond", round(rawDurableInsertRate));
            results.put("commandsPerSecond", round(commandRate));
            results.put("P1", round(commandRate / rawInsertRate));
            results.put("P1_vsDurableRaw", round(commandRate / rawDurableInsertRate));
            results.put("cpuMicrosPerRawInsert", round(live.rawInsertCpuMicros()));
            results.put("cpuMicrosPerCommand", round(live.commandCpuMicros()));
            results.put("P1_cpu", round(live.rawInsertCpuMicros() / live.commandCpuMicros()));

            // P3 — latency on a long history vs a short one
            TrajectoryId shortOne = start(gateway);
            for (int i = 0; i < 9; i++) {
                gateway.sendAndWait(new AddNote(shortOne, "short " + i, ACTOR, Instant.now()));
            }
            TrajectoryId longOne = start(gateway);
            for (int i = 0; i < longHistory - 1; i++) {
                gateway.sendAndWait(new AddNote(longOne, "long " + i, ACTOR, Instant.now()));
            }
            // sample both on a quiet server: the read models first catch up with the long history just written
            awaitAllCaughtUp(processing);
            double[][] sampled = interleavedLatencies(gateway, shortOne, longOne, latencySamples);
            double[] shortLatencies = sampled[0];
            double[] longLatencies = sampled[1];
            results.put("shortHistoryMedianMs", round(median(shortLatencies)));
            results.put("longHistoryMedianMs", round(median(longLatencies)));
            results.put("P3", round(median(longLatencies) / median(shortLatencies)));
            results.put("shortHistoryP90Ms", round(percentile(shortLatencies, 0.9)));
            results.put("longHistoryP90Ms", round(percentile(longLatencies, 0.9)));

            // P2 — full rebuild of a projection vs raw reads of all commits, measured on the whole store
            // written so far (warm-up, P1 and P3 together), so that the rebuild's fixed start-up cost does not
            // dominate
            awaitAllCaughtUp(processing);
            EventStorageEngine engine = app.getBean(EventStorageEngine.class);
            long events = engine.readEvents(null, false).count();
            StreamingEventProcessor overview = processing
                    .eventProcessor(TrajectoryOverviewProjection.NAME, StreamingEventProcessor.class).orElseThrow();
            // each path until the JIT has compiled it; the first rebuild's rate is kept to show what a cold one does
            rawReads(database);
            ProjectionRebuilds rebuilds = app.getBean(ProjectionRebuilds.class);
            results.put("firstRebuildEventsPerSecond",
                    round(events / rebuild(rebuilds, overview, TrajectoryOverviewProjection.NAME)));
            results.put("warmUpRebuilds", untilCompiled("rebuilds", warmUpRounds, () -> {
                rawReads(database);
                engine.readEvents(null, false).count();
                rebuild(rebuilds, overview, TrajectoryOverviewProjection.NAME);
            }));
            double rawReadRate = 0;
            double streamRate = 0;
            double rebuildRate = 0;
            long compiledBeforeRounds = compilationMillis();
            long roundsBegin = System.nanoTime();
            for (int round = 0; round < REBUILD_ROUNDS; round++) {
                // whole passes for at least a second: a single pass takes a tenth of a second
                long begin = System.nanoTime();
                long rawRead = 0;
                do {
                    rawRead += rawReads(database);
                } while (seconds(begin) < 1);
                rawReadRate = Math.max(rawReadRate, rawRead / seconds(begin));
                begin = System.nanoTime();
                long streamed = engine.readEvents(null, false).count();
                streamRate = Math.max(streamRate, streamed / seconds(begin));
                double seconds = rebuild(rebuilds, overview, TrajectoryOverviewProjection.NAME);
                System.out.printf("round %d: rebuild %.0f events/s in %.3fs%n", round, events / seconds, seconds);
                rebuildRate = Math.max(rebuildRate, events / seconds);
            }
            results.put("jitShareDuringRebuildRounds", round(compilingShare(compiledBeforeRounds, roundsBegin)));
            results.put("events", events);
            results.put("rawReadsPerSecond", round(rawReadRate));
            results.put("engineStreamEventsPerSecond", round(streamRate));
            results.put("rebuildEventsPerSecond", round(rebuildRate));
            results.put("P2", round(rebuildRate / rawReadRate));
            results.put("P2_engineStreamOnly", round(streamRate / rawReadRate));

            // P1 again with the read models paused, measured last so that no catch-up disturbs P2 and P3:
            // what the append path itself costs
            processing.eventProcessors().values().forEach(processor -> processor.shutdownAsync().join());
            AppendRates paused = appendRates(gateway, trajectories, raw, sample, commands, "read models paused",
                    null);
            results.put("rawInsertsPerSecondBesideReadModelsPaused", round(paused.rawInserts()));
            results.put("commandsPerSecondWithReadModelsPaused", round(paused.commands()));
            results.put("P1_readModelsPaused", round(paused.commands() / paused.rawInserts()));
            results.put("cpuMicrosPerCommandWithReadModelsPaused", round(paused.commandCpuMicros()));
            results.put("P1_cpu_readModelsPaused", round(paused.rawInsertCpuMicros() / paused.commandCpuMicros()));
        }
        write(output, results);
        // Axon's handler-timeout janitor is a static non-daemon thread: without this the JVM never exits
        AxonTaskJanitor.INSTANCE.shutdownNow();
    }

    /**
     * The best rates of three alternating rounds (raw inserts, then as many commands), and the CPU time the whole
     * process spent per raw insert and per command over all three, compilation left out: on two busy cores the rate
     * depends on what else was scheduled, the CPU time much less.
     */
    private record AppendRates(double rawInserts, double commands, double jitShare, double rawInsertCpuMicros,
            double commandCpuMicros) {
    }

    /**
     * Raw inserts and commands in alternating rounds, the best of three on each side: a round that met a burst of
     * compilation (the raw inserts change the profile of code both paths share) ran at half the rate of the next.
     * With {@code processing} given, a command's CPU time includes the read models' handling of its events: the
     * clock stops once they caught up.
     */
    private static AppendRates appendRates(CommandGateway gateway, List<TrajectoryId> trajectories,
            MongoCollection<Document> raw, Document sample, int commands, String label,
            EventProcessingConfiguration processing) {
        double rawInsertRate = 0;
        double commandRate = 0;
        double jitShareOfBest = 0;
        long rawCpuNanos = 0;
        long commandCpuNanos = 0;
        // the measured rounds themselves until the JIT is quiet: after the warm-up's shorter rounds on other
        // trajectories, the first rounds of these spent 60% to 100% of their time compiling (the read models
        // inserting the new trajectories' documents, the server's larger raw collection)
        untilCompiled(label, MEASURED_ROUNDS_TO_SETTLE, () -> {
            raw.drop();
            rawInserts(raw, sample, commands);
            commands(gateway, trajectories, commands);
            if (processing != null) {
                awaitAllCaughtUp(processing);
            }
        });
        for (int round = 0; round < 3; round++) {
            raw.drop();
            long cpuBefore = cpuOutsideCompilationNanos();
            rawInsertRate = Math.max(rawInsertRate, rawInserts(raw, sample, commands));
            rawCpuNanos += cpuOutsideCompilationNanos() - cpuBefore;
            cpuBefore = cpuOutsideCompilationNanos();
            long compiledBefore = compilationMillis();
            long begin = System.nanoTime();
            double rate = commands(gateway, trajectories, commands);
            double jitShare = compilingShare(compiledBefore, begin);
            if (processing != null) {
                awaitAllCaughtUp(processing);
            }
            commandCpuNanos += cpuOutsideCompilationNanos() - cpuBefore;
            System.out.printf("%s, round %d: %.0f commands/s (compiling %.0f%% of the time)%n", label, round, rate,
                    jitShare * 100);
            if (rate > commandRate) {
                commandRate = rate;
                jitShareOfBest = jitShare;
            }
        }
        raw.drop();
        return new AppendRates(rawInsertRate, commandRate, jitShareOfBest, rawCpuNanos / 1e3 / (3.0 * commands),
                commandCpuNanos / 1e3 / (3.0 * commands));
    }

    /** Notes added to the trajectories in turn, one after the other; answers the commands per second. */
    private static double commands(CommandGateway gateway, List<TrajectoryId> trajectories, int commands) {
        long begin = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            gateway.sendAndWait(new AddNote(trajectories.get(i % trajectories.size()), "note " + i, ACTOR,
                    Instant.now()));
        }
        return commands / seconds(begin);
    }

    /** CPU time of the whole process so far, less the time its JIT compilers spent. */
    private static long cpuOutsideCompilationNanos() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return cpu - TimeUnit.MILLISECONDS.toNanos(compilationMillis());
    }

    private static long rawReads(MongoDatabase database) {
        long read = 0;
        for (Document ignored : database.getCollection("event_commits").find()) {
            read++;
        }
        return read;
    }

    /**
     * Rebuilds the read model as an administrator would, and returns the seconds from the reset (the read model
     * cleared, the tokens back to the start) until every segment's token reached the head of the store. Stopping the
     * live processor first is not part of the rebuild's rate: it takes from a few to a few hundred milliseconds
     * depending on what the processor was doing when asked.
     */
    private static double rebuild(ProjectionRebuilds rebuilds, StreamingEventProcessor processor, String name) {
        awaitCaughtUp(processor);
        processor.shutDown();
        long begin = System.nanoTime();
        rebuilds.rebuild(name);
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
        // the processor's own progress, not the admin status: that asks the database for the head at every poll
        while (!rebuilds.latestRebuild(name).orElseThrow().finished() && System.currentTimeMillis() < deadline) {
            sleep(2);
        }
        return seconds(begin);
    }

    /**
     * Runs rounds of work until the JIT has compiled it: until two rounds in a row spent less than
     * {@value #SETTLED_JIT_SHARE} of their time compiling, or {@code maxRounds} ran. Returns the rounds run.
     */
    private static int untilCompiled(String what, int maxRounds, Runnable round) {
        int quiet = 0;
        for (int done = 1; done <= maxRounds; done++) {
            long compiledBefore = compilationMillis();
            long begin = System.nanoTime();
            round.run();
            double share = compilingShare(compiledBefore, begin);
            quiet = share < SETTLED_JIT_SHARE ? quiet + 1 : 0;
            if (quiet == 2) {
                System.out.printf("warm-up of %s: compiled after %d rounds%n", what, done);
                return done;
            }
        }
        System.out.printf("warm-up of %s: still compiling after %d rounds%n", what, maxRounds);
        return maxRounds;
    }

    /** The share of the time since {@code beginNanos} the JIT spent compiling (all its threads together). */
    private static double compilingShare(long compiledMillisBefore, long beginNanos) {
        return (compilationMillis() - compiledMillisBefore) / 1000.0 / seconds(beginNanos);
    }

    /** Milliseconds the JIT compilers spent so far, all threads together. */
    private static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static void awaitAllCaughtUp(EventProcessingConfiguration processing) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                awaitCaughtUp(streaming);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static TrajectoryId start(CommandGateway gateway) {
        TrajectoryId id = TrajectoryId.random();
        gateway.sendAndWait(new StartTrajectory(id, "Benchmark trajectory", PARTIES, ACTOR, Instant.now()));
        return id;
    }

    private static double rawInserts(MongoCollection<Document> collection, Document sample, int count) {
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Document copy = new Document(sample);
            copy.put("_id", (long) i + 1);
            copy.put("key", "raw#" + i);
            collection.insertOne(copy);
        }
        return count / seconds(begin);
    }

    /**
     * Command latencies on two trajectories, a command on one and then on the other, {@code samples} times: sampled
     * one after the other in two blocks, the ratio of the medians ranged from 0.36 to 2.01 in four runs (a block that
     * met a burst of compilation or the store's periodic commit was slower whatever its history); interleaved, both
     * meet the same conditions.
     */
    private static double[][] interleavedLatencies(CommandGateway gateway, TrajectoryId first, TrajectoryId second,
            int samples) {
        double[][] millis = new double[2][samples];
        TrajectoryId[] trajectories = {first, second};
        for (int i = 0; i < samples; i++) {
            for (int which = 0; which < 2; which++) {
                long begin = System.nanoTime();
                gateway.sendAndWait(new AddNote(trajectories[which], "measured " + i, ACTOR, Instant.now()));
                millis[which][i] = (System.nanoTime() - begin) / 1e6;
            }
        }
        return millis;
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor) {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (processor.processingStatus().values().stream().anyMatch(status -> !status.isCaughtUp())
                && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double share) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) (sorted.length * share)];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void write(Path output, Map<String, Object> results) throws IOException {
        Files.createDirectories(output);
        StringBuilder json = new StringBuilder("{\n");
        StringBuilder markdown = new StringBuilder("# Event store benchmark\n\n| figure | value |\n| --- | --- |\n");
        results.forEach((key, value) -> {
            json.append("  \"").append(key).append("\": ")
                    .append(value instanceof String ? "\"" + value + "\"" : value).append(",\n");
            markdown.append("| ").append(key).append(" | ").append(value).append(" |\n");
        });
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        Files.writeString(output.resolve("event-store.json"), json);
        Files.writeString(output.resolve("event-store.md"), markdown);
        System.out.println(markdown);
    }
}
