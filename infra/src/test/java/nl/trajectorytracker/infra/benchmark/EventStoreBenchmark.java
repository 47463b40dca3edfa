package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
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
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;
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
 * Run with {@code ./mvnw -pl infra -am -Pbench -DskipTests verify} (sizes: {@code -Dbench.commands=...}).
 */
public final class EventStoreBenchmark {

    private static final Actor ACTOR = new Actor("benchmark", "Zilveren Kruis");
    private static final List<Party> PARTIES = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
            new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));

    private EventStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = Integer.getInteger("bench.commands", 5_000);
        int longHistory = Integer.getInteger("bench.longHistory", 10_000);
        int latencySamples = Integer.getInteger("bench.latencySamples", 300);
        int warmUp = Integer.getInteger("bench.warmUp", 5_000);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path data = Files.createTempDirectory("tracker-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("commands", commands);
        results.put("warmUpCommands", warmUp);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN", "--TRACKER_ADMIN_TOKEN=tt_benchmark-admin-token-0123456789abcdef")) {
            CommandGateway gateway = app.getBean(CommandGateway.class);
            MongoDatabase database = app.getBean(MongoDatabase.class);
            EmbeddedMongo embedded = app.getBean(EmbeddedMongo.class);

            // warm-up of both paths: the JIT compiles the command path and the read models' handlers over the first
            // few thousand commands (measured after 500, the commands ran at half the rate they reach after 5,000)
            List<TrajectoryId> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                warm.add(start(gateway));
            }
            for (int i = 0; i < warmUp; i++) {
                gateway.sendAndWait(new AddNote(warm.get(i % warm.size()), "warm-up " + i, ACTOR, Instant.now()));
            }
            // let every read model catch up on the warm-up, so the raw baseline runs on an idle server
            for (var processor : app.getBean(EventProcessingConfiguration.class).eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    awaitCaughtUp(streaming);
                }
            }
            Document sample = database.getCollection("event_commits").find().sort(new Document("_id", -1)).first();
            int commitSize = sample.toJson().length();
            results.put("commitDocumentBytes", commitSize);
            MongoCollection<Document> raw = database.getCollection("bench_raw_inserts");
            rawInserts(raw, sample, 2_000, null);
            raw.drop();

            // P1 — appends through the command gateway vs raw inserts of same-sized documents
            double rawInsertRate = rawInserts(raw, sample, commands, null);
            double rawDurableInsertRate = rawInserts(database.getCollection("bench_raw_durable"), sample, commands,
                    embedded);
            List<TrajectoryId> trajectories = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                trajectories.add(start(gateway));
            }
            long begin = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                gateway.sendAndWait(new AddNote(trajectories.get(i % trajectories.size()), "note " + i, ACTOR,
                        Instant.now()));
            }
            double commandRate = commands / seconds(begin);


            results.put("rawInsertsPerSecond", round(rawInsertRate));
            results.put("rawDurableInsertsPerSecond", round(rawDurableInsertRate));
            results.put("commandsPerSecond", round(commandRate));
            results.put("P1", round(commandRate / rawInsertRate));
            results.put("P1_vsDurableRaw", round(commandRate / rawDurableInsertRate));

            // P3 — latency on a long history vs a short one
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            TrajectoryId shortOne = start(gateway);
            for (int i = 0; i < 9; i++) {
                gateway.sendAndWait(new AddNote(shortOne, "short " + i, ACTOR, Instant.now()));
            }
            TrajectoryId longOne = start(gateway);
            for (int i = 0; i < longHistory - 1; i++) {
                gateway.sendAndWait(new AddNote(longOne, "long " + i, ACTOR, Instant.now()));
            }
            // sample both on a quiet server: the read models first catch up with the long history just written
            for (var processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    awaitCaughtUp(streaming);
                }
            }
            double[] shortLatencies = latencies(gateway, shortOne, latencySamples);
            double[] longLatencies = latencies(gateway, longOne, latencySamples);
            results.put("shortHistoryMedianMs", round(median(shortLatencies)));
            results.put("longHistoryMedianMs", round(median(longLatencies)));
            results.put("P3", round(median(longLatencies) / median(shortLatencies)));

            // P2 — full rebuild of a projection vs raw reads of all commits, measured on the whole store
            // written so far (P1 and P3 together), so that the rebuild's fixed start-up cost does not dominate
            for (var processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    awaitCaughtUp(streaming);
                }
            }
            EventStorageEngine engine = app.getBean(EventStorageEngine.class);
            long events = engine.readEvents(null, false).count();
            StreamingEventProcessor overview = processing
                    .eventProcessor(TrajectoryOverviewProjection.NAME, StreamingEventProcessor.class).orElseThrow();
            // each path once to warm up (the JIT compiles the rebuild path during the first rebuild), then measured
            rawReads(database);
            ProjectionRebuilds rebuilds = app.getBean(ProjectionRebuilds.class);
            rebuild(rebuilds, overview, TrajectoryOverviewProjection.NAME);
            // the best of five on each side: single runs of either vary up to twofold on these machines, and the JIT
            // still speeds the rebuild up over its first rounds
            double rawReadRate = 0;
            double streamRate = 0;
            double rebuildRate = 0;
            for (int round = 0; round < 5; round++) {
                // whole passes for at least a second, after a store commit: a single pass takes a tenth of a
                // second, and one that met the embedded server's periodic commit (which holds every request for
                // tens of milliseconds) read at half the rate of one that did not
                embedded.commit();
                begin = System.nanoTime();
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
            results.put("events", events);
            results.put("rawReadsPerSecond", round(rawReadRate));
            results.put("engineStreamEventsPerSecond", round(streamRate));
            results.put("rebuildEventsPerSecond", round(rebuildRate));
            results.put("P2", round(rebuildRate / rawReadRate));
            results.put("P2_engineStreamOnly", round(streamRate / rawReadRate));

            // P1 again with the read models paused, measured last so that no catch-up disturbs P2 and P3:
            // what the append path itself costs
            processing.eventProcessors().values().forEach(processor -> processor.shutDown());
            begin = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                gateway.sendAndWait(new AddNote(trajectories.get(i % trajectories.size()), "quiet note " + i, ACTOR,
                        Instant.now()));
            }
            double quietCommandRate = commands / seconds(begin);
            results.put("commandsPerSecondWithReadModelsPaused", round(quietCommandRate));
            results.put("P1_readModelsPaused", round(quietCommandRate / rawInsertRate));
        }
        write(output, results);
        // Axon's handler-timeout janitor is a static non-daemon thread: without this the JVM never exits
        AxonTaskJanitor.INSTANCE.shutdownNow();
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
    private static double rebuild(ProjectionRebuilds rebuilds, StreamingEventProcessor processor, String name)
            throws InterruptedException {
        awaitCaughtUp(processor);
        processor.shutDown();
        long begin = System.nanoTime();
        rebuilds.rebuild(name);
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
        while (!rebuilds.status(name).rebuild().finished() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        return seconds(begin);
    }

    private static TrajectoryId start(CommandGateway gateway) {
        TrajectoryId id = TrajectoryId.random();
        gateway.sendAndWait(new StartTrajectory(id, "Benchmark trajectory", PARTIES, ACTOR, Instant.now()));
        return id;
    }

    private static double rawInserts(MongoCollection<Document> collection, Document sample, int count,
            EmbeddedMongo durable) {
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Document copy = new Document(sample);
            copy.put("_id", (long) i + 1);
            copy.put("key", "raw#" + i);
            collection.insertOne(copy);
            if (durable != null) {
                durable.commit();
            }
        }
        return count / seconds(begin);
    }

    private static double[] latencies(CommandGateway gateway, TrajectoryId id, int samples) {
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long begin = System.nanoTime();
            gateway.sendAndWait(new AddNote(id, "measured " + i, ACTOR, Instant.now()));
            millis[i] = (System.nanoTime() - begin) / 1e6;
        }
        return millis;
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (processor.processingStatus().values().stream().anyMatch(status -> !status.isCaughtUp())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
