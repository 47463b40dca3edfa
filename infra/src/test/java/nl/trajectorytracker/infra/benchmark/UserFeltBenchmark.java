package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.demo.SyntheticTrajectories;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * What users feel, measured through the HTTP API of the real application on the embedded default, on a store filled
 * with synthetic trajectories (as {@code --generate} fills it):
 * <ul>
 * <li>S1: a step's latency (p50, p99) on the empty store and on the filled one;</li>
 * <li>S2: every research aggregate, four researchers asking for them at once, and the researchers' histories export
 * (JSON lines) in MB/s, alone and while others send steps and read pages;</li>
 * <li>S3: as-of, diff and PDF report of a trajectory with a long history, against paging through its history;</li>
 * <li>S4: list and search pages (p50, p99) with four clients at once;</li>
 * <li>S5: a rebuild of every read model (events per second), and whether they say they are replaying after it;</li>
 * <li>S6: the heap (used, after a full collection) at start, with the filled store at rest, just before the long
 * trajectory (the store read by S4 and S2: caches warm), after it and after the rebuild, and how much of it is the
 * embedded server's page cache;</li>
 * <li>S7: a restart on the filled store, in a JVM of its own, until health answers UP;</li>
 * <li>S8: audit reads at scale: verify of a one-event trajectory on the empty and the filled store, a checkpoint run
 * while steps are sent, {@code history?limit=1} on a short and the long trajectory;</li>
 * <li>S9: the data file once compacted, after the load and after the run's writes and rebuilds.</li>
 * </ul>
 * Figures go to {@code bench-results/user-felt.md} and {@code .json}, with the machine and its load. Run with
 * {@code ./mvnw -pl infra -am -Pbench -DskipTests verify}; sizes through
 * {@code -Dbench.options="-Dbench.trajectories=10000 -Dbench.longHistory=10000"}.
 */
public final class UserFeltBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANISATION = "Zilveren Kruis";
    private static final String TRAJECTORY = """
            {"title": "Benchmark %d: hospital and insurer",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;
    private static final List<String> RESEARCH_VIEWS = List.of("phase-durations", "outcomes", "contracts", "goals",
            "trust", "lessons");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private RunningTracker tracker;
    private String baseUrl;

    private UserFeltBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new UserFeltBenchmark().run();
        // Axon's timeout janitor and the driver's threads would keep the JVM alive
        System.exit(0);
    }

    private void run() throws Exception {
        int trajectories = Integer.getInteger("bench.trajectories", 1_000);
        int longHistory = Integer.getInteger("bench.longHistory", 10_000);
        int steps = Integer.getInteger("bench.steps", 300);
        int pageRequests = Integer.getInteger("bench.pageRequests", 100);
        int clients = Integer.getInteger("bench.clients", 4);
        long seed = Long.getLong("bench.seed", SyntheticTrajectories.DEFAULT_SEED);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path data = Files.createTempDirectory("tracker-user-felt");

        results.put("date", Instant.now().toString());
        results.put("machine", OwnJvmStart.machine());
        results.put("sizes", Map.of("trajectories", trajectories, "longHistory", longHistory, "steps", steps,
                "pageRequestsPerClient", pageRequests, "clients", clients, "seed", seed));

        tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false",
                "tracker.security.failed-authentication.enabled=false", "logging.level.root=WARN");
        baseUrl = "http://127.0.0.1:" + tracker.context().getEnvironment().getProperty("local.server.port");
        RunningTracker.Client negotiator = tracker.createNegotiator("bench-negotiator", ORGANISATION);
        RunningTracker.Client auditor = tracker.createAuditor("bench-auditor");

        List<String> own = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            own.add(negotiator.post("/api/trajectories", TRAJECTORY.formatted(i)).json().get("id").asText());
        }
        steps(negotiator, own, 100);
        Map<String, Object> s8 = new LinkedHashMap<>();
        s8.put("verifyOneEventEmptyStore", latencies(verifications(negotiator, auditor)));
        double heapAtStart = usedHeapMb();
        Map<String, Object> s1 = new LinkedHashMap<>();
        s1.put("emptyStore", latencies(steps(negotiator, own, steps)));

        long generating = System.nanoTime();
        SyntheticTrajectories.Report generated = tracker.bean(SyntheticTrajectories.class).generate(trajectories,
                seed, SyntheticTrajectories.Progress.NONE);
        awaitCaughtUp();
        results.put("generated", Map.of("trajectories", generated.created(), "commands", generated.commands(),
                "seconds", round(seconds(generating)), "events", eventsStored()));

        Map<String, Object> s9 = new LinkedHashMap<>();
        s9.put("afterLoad", compactedDataFile());

        s1.put("filledStore", latencies(steps(negotiator, own, steps)));
        s8.put("verifyOneEventFilledStore", latencies(verifications(negotiator, auditor)));
        s8.put("checkpointRun", checkpointRun(negotiator, own, steps));
        double heapFilledAtRest = usedHeapMb();
        Map<String, Object> pageCache = new LinkedHashMap<>();
        pageCache.put("filledStoreAtRestMb", pageCacheMb());
        s1.put("goal", "p99 <= 50 ms and <= 1.5 x the empty store's");
        results.put("S1_step", s1);

        write(output);
        results.put("S4_pages", pages(auditor, clients, pageRequests));
        write(output);
        results.put("S2_research", research());
        results.put("S2_researchersAtOnce", researchersAtOnce(clients, pageRequests / 4));
        results.put("S2_exportUnderLoad", exportUnderLoad(negotiator, auditor, own, clients));
        write(output);

        Map<String, Object> s6 = new LinkedHashMap<>();
        s6.put("startMb", heapAtStart);
        s6.put("filledStoreAtRestMb", heapFilledAtRest);
        // the baseline of the operations S6 judges: the store read by S4 and S2, its bounded caches warm, as those of
        // a serving instance are; at rest above, the page cache had not yet filled to its bound
        s6.put("beforeLongHistoryMb", usedHeapMb());
        pageCache.put("beforeLongHistoryMb", pageCacheMb());
        results.put("S3_longHistory", longHistory(negotiator, auditor, longHistory));
        s8.put("historyPageOfOne", historyPagesOfOne(auditor, own.get(0), (String) ((Map<?, ?>) results
                .get("S3_longHistory")).get("trajectory")));
        s8.put("goal", "verify <= 1.5 x the empty store's; history?limit=1 on the long trajectory <= 1.5 x a short"
                + " one's; a checkpoint run < 60 s with steps' p99 <= 1.5 x meanwhile");
        results.put("S8_auditAtScale", s8);
        s6.put("afterLongHistoryMb", usedHeapMb());
        pageCache.put("afterLongHistoryMb", pageCacheMb());
        write(output);

        results.put("S5_rebuild", rebuild(auditor));
        s6.put("afterRebuildMb", usedHeapMb());
        pageCache.put("afterRebuildMb", pageCacheMb());
        s6.put("ofWhichTheEmbeddedServersPageCache", pageCache);
        s6.put("goal", "after the long history and after the rebuild, within 1.2 x the heap before them");
        results.put("S6_heap", s6);

        s9.put("afterRun", compactedDataFile());
        s9.put("afterRunOverAfterLoad", round(number(s9, "afterRun", "megabytes")
                / number(s9, "afterLoad", "megabytes")));
        s9.put("goal", "after the run's notes, long history and rebuilds, once compacted, <= 1.3 x the file after "
                + "the load");
        results.put("S9_dataFile", s9);
        write(output);

        long events = eventsStored();
        tracker.close();
        results.put("S7_restart", restart(data, events));

        results.put("verdicts", verdicts());
        write(output);
    }

    /** Each goal of the storage issue, met or not by this run's figures. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> verdicts() {
        Map<String, Object> s1 = (Map<String, Object>) results.get("S1_step");
        double emptyP99 = number(s1, "emptyStore", "p99Ms");
        double filledP99 = number(s1, "filledStore", "p99Ms");
        Map<String, Object> s2 = (Map<String, Object>) results.get("S2_research");
        double slowestAggregate = ((Map<String, Object>) s2.get("aggregatesSlowestOfThree")).values().stream()
                .mapToDouble(value -> ((Number) value).doubleValue()).max().orElse(0);
        Map<String, Object> s3 = (Map<String, Object>) results.get("S3_longHistory");
        double worstOverHistory = Math.max(number(s3, "asOfOverHistory"), Math.max(number(s3, "diffOverHistory"),
                number(s3, "pdfReportOverHistory")));
        Map<String, Object> s4 = (Map<String, Object>) results.get("S4_pages");
        Map<String, Object> s5 = (Map<String, Object>) results.get("S5_rebuild");
        Map<String, Object> s6 = (Map<String, Object>) results.get("S6_heap");
        Object restart = ((Map<String, Object>) results.get("S7_restart")).get("secondsToUp");
        Map<String, Object> verdicts = new LinkedHashMap<>();
        verdicts.put("S1", filledP99 <= 50 && filledP99 <= 1.5 * emptyP99);
        verdicts.put("S2_exportUnderLoad",
                number((Map<String, Object>) results.get("S2_exportUnderLoad"), "failedRequests") == 0);
        verdicts.put("S2", slowestAggregate < 1_000
                && number(s2, "historiesJsonl", "megabytesPerSecond") >= 10);
        verdicts.put("S2_researchersAtOnce", number((Map<String, Object>) results.get("S2_researchersAtOnce"),
                "aggregates", "p99Ms") < 1_000);
        verdicts.put("S3", worstOverHistory <= 2);
        verdicts.put("S4", number(s4, "list", "p99Ms") <= 100 && number(s4, "search", "p99Ms") <= 100);
        verdicts.put("S5", number(s5, "eventsPerSecond") >= 20_000
                && Boolean.TRUE.equals(s5.get("replayingClearedAfterRebuild")));
        double before = number(s6, "beforeLongHistoryMb");
        verdicts.put("S6", number(s6, "afterLongHistoryMb") <= 1.2 * before
                && number(s6, "afterRebuildMb") <= 1.2 * before);
        Map<String, Object> s8 = (Map<String, Object>) results.get("S8_auditAtScale");
        verdicts.put("S8", number(s8, "verifyOneEventFilledStore", "p50Ms")
                <= 1.5 * number(s8, "verifyOneEventEmptyStore", "p50Ms")
                && number(s8, "historyPageOfOne", "longOverShort") <= 1.5
                && number(s8, "checkpointRun", "seconds") < 60
                && number(s8, "checkpointRun", "stepsMeanwhile", "p99Ms")
                        <= 1.5 * number(s1, "filledStore", "p99Ms"));
        verdicts.put("S7", restart instanceof Number seconds && seconds.doubleValue() <= 30);
        Map<String, Object> s9 = (Map<String, Object>) results.get("S9_dataFile");
        verdicts.put("S9", number(s9, "afterRunOverAfterLoad") <= 1.3
                && Boolean.TRUE.equals(((Map<String, Object>) s9.get("afterRun")).get("compacted")));
        return verdicts;
    }

    @SuppressWarnings("unchecked")
    private static double number(Map<String, Object> figures, String... path) {
        Object value = figures;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return ((Number) value).doubleValue();
    }

    // ---------------------------------------------------------------- S1

    /** Sends notes one after the other, round robin over the trajectories, and answers each one's milliseconds. */
    private static List<Double> steps(RunningTracker.Client negotiator, List<String> trajectories, int count) {
        List<Double> millis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = trajectories.get(i % trajectories.size());
            long start = System.nanoTime();
            RunningTracker.Response answer = negotiator.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"A step of the benchmark, number " + i + "\"}");
            millis.add((System.nanoTime() - start) / 1e6);
            require(answer, 200);
        }
        return millis;
    }

    // ---------------------------------------------------------------- S8

    /** Verifications of a trajectory of one event, started for the purpose, by an auditor. */
    private static List<Double> verifications(RunningTracker.Client negotiator, RunningTracker.Client auditor) {
        String id = negotiator.post("/api/trajectories", TRAJECTORY.formatted(-2)).json().get("id").asText();
        return warmReads(auditor, "/api/trajectories/" + id + "/verify");
    }

    /** 60 reads one after the other; the milliseconds of the last 50 (the first warm the caches up). */
    private static List<Double> warmReads(RunningTracker.Client reader, String path) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            RunningTracker.Response read = reader.get(path);
            millis.add((System.nanoTime() - start) / 1e6);
            require(read, 200);
        }
        return millis.subList(10, millis.size());
    }

    /** A checkpoint run over the whole store, while a negotiator keeps sending steps. */
    private Map<String, Object> checkpointRun(RunningTracker.Client negotiator, List<String> own, int steps)
            throws Exception {
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<List<Double>> meanwhile = sender.submit(() -> steps(negotiator, own, steps));
        long start = System.nanoTime();
        RunningTracker.Response run = tracker.asAdmin().post("/api/admin/audit/checkpoints", "{}");
        double seconds = seconds(start);
        require(run, 200);
        List<Double> stepMillis = meanwhile.get();
        sender.shutdown();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds", round(seconds));
        figures.put("takenIn", run.json().path("takenIn").asLong());
        figures.put("stepsMeanwhile", latencies(stepMillis));
        return figures;
    }

    /** {@code history?limit=1} on a short trajectory and on the long one, by an auditor. */
    private static Map<String, Object> historyPagesOfOne(RunningTracker.Client auditor, String shortOne,
            String longOne) {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Object> shortPages = latencies(warmReads(auditor, "/api/trajectories/" + shortOne
                + "/history?limit=1"));
        Map<String, Object> longPages = latencies(warmReads(auditor, "/api/trajectories/" + longOne
                + "/history?limit=1"));
        figures.put("short", shortPages);
        figures.put("long", longPages);
        figures.put("longOverShort", round(((Number) longPages.get("p50Ms")).doubleValue()
                / ((Number) shortPages.get("p50Ms")).doubleValue()));
        return figures;
    }

    // ---------------------------------------------------------------- S4

    /** List pages and searches by title text, by several auditors' clients at once. */
    private Map<String, Object> pages(RunningTracker.Client auditor, int clients, int requests) throws Exception {
        int total = auditor.get("/api/trajectories?size=1").json().path("total").asInt(1);
        List<String> words = List.of("care", "Noord", "diabetes", "Zorggroep", "Twente", "elderly");
        List<Double> lists = Collections.synchronizedList(new ArrayList<>());
        List<Double> searches = Collections.synchronizedList(new ArrayList<>());
        atOnce(clients, client -> {
            Random random = new Random(client);
            for (int i = 0; i < requests; i++) {
                boolean search = i % 2 == 1;
                String path = search ? "/api/trajectories?size=20&text=" + words.get(random.nextInt(words.size()))
                        : "/api/trajectories?size=20&page=" + random.nextInt(Math.max(1, total / 20));
                long start = System.nanoTime();
                RunningTracker.Response answer = auditor.get(path);
                (search ? searches : lists).add((System.nanoTime() - start) / 1e6);
                require(answer, 200);
            }
        });
        Map<String, Object> s4 = new LinkedHashMap<>();
        s4.put("trajectoriesListed", total);
        s4.put("list", latencies(lists));
        s4.put("search", latencies(searches));
        s4.put("goal", "p99 <= 100 ms with 4 clients");
        return s4;
    }

    // ---------------------------------------------------------------- S2

    private Map<String, Object> research() throws Exception {
        RunningTracker.Response study = tracker.asAdmin().post("/api/admin/studies",
                "{\"name\": \"Benchmark\", \"purpose\": \"How long researchers wait\"}");
        require(study, 201);
        String id = study.json().get("id").asText();
        RunningTracker.Client researcher = tracker.createResearcher("bench-researcher", List.of(id));
        Map<String, Object> s2 = new LinkedHashMap<>();
        Map<String, Object> aggregates = new LinkedHashMap<>();
        for (String view : RESEARCH_VIEWS) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                require(researcher.get("/api/research/studies/" + id + "/aggregates/" + view), 200);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            aggregates.put(view + "Ms", round(Collections.max(millis)));
        }
        s2.put("aggregatesSlowestOfThree", aggregates);
        s2.put("historiesJsonl", export(id, researcher.token()));
        // the first export reads every step's page from the data file; the second finds them in the page cache
        s2.put("historiesJsonlAgain", export(id, researcher.token()));
        s2.put("goal", "every aggregate < 1 s; histories >= 10 MB/s (the first export)");
        studyId = id;
        researcherToken = researcher.token();
        this.researcher = researcher;
        return s2;
    }

    /** The researchers' histories export of a study, as JSON lines: its size, how long it took, its speed. */
    private Map<String, Object> export(String study, String token) throws Exception {
        long start = System.nanoTime();
        long bytes = download("/api/research/studies/" + study + "/histories?format=jsonl", token);
        double seconds = seconds(start);
        return Map.of("megabytes", round(bytes / 1e6), "seconds", round(seconds),
                "megabytesPerSecond", round(bytes / 1e6 / seconds));
    }

    private String studyId;
    private String researcherToken;
    private RunningTracker.Client researcher;

    /**
     * Researchers asking for aggregates at once, as {@code wrk} with {@code clients} connections would: each client
     * asks for the views in turn, {@code requests} times, and every answer must be 200.
     */
    private Map<String, Object> researchersAtOnce(int clients, int requests) throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        atOnce(clients, client -> {
            for (int i = 0; i < requests; i++) {
                String view = RESEARCH_VIEWS.get((client + i) % RESEARCH_VIEWS.size());
                long start = System.nanoTime();
                require(researcher.get("/api/research/studies/" + studyId + "/aggregates/" + view), 200);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", clients);
        figures.put("aggregates", latencies(millis));
        figures.put("goal", "p99 < 1 s (audit issue)");
        return figures;
    }

    /**
     * The researchers' export while {@code clients} others send steps and read list pages until it is done: every one
     * of their requests must succeed (a heavy read never breaks anyone else's request), and how long they waited.
     */
    private Map<String, Object> exportUnderLoad(RunningTracker.Client negotiator, RunningTracker.Client auditor,
            List<String> own, int clients) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean exporting = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Double> steps = Collections.synchronizedList(new ArrayList<>());
        List<Double> pages = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int i = 0; exporting.get(); i++) {
                    boolean step = (i + client) % 2 == 0;
                    long start = System.nanoTime();
                    RunningTracker.Response answer = step
                            ? negotiator.post("/api/trajectories/" + own.get((i + client) % own.size()) + "/notes",
                                    "{\"text\": \"A step beside the export, " + client + "/" + i + "\"}")
                            : auditor.get("/api/trajectories?size=20&page=" + (i % 20));
                    (step ? steps : pages).add((System.nanoTime() - start) / 1e6);
                    if (answer.status() != 200) {
                        failures.add((step ? "step" : "page") + " -> " + answer.status());
                    }
                }
                return null;
            }));
        }
        Map<String, Object> export;
        try {
            export = export(studyId, researcherToken);
        } finally {
            exporting.set(false);
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        Map<String, Object> underLoad = new LinkedHashMap<>();
        underLoad.put("historiesJsonl", export);
        underLoad.put("clients", clients);
        underLoad.put("steps", latencies(steps));
        underLoad.put("pages", latencies(pages));
        underLoad.put("failedRequests", failures.size());
        underLoad.put("firstFailures", failures.subList(0, Math.min(5, failures.size())));
        underLoad.put("goal", "no request of the other clients fails while the export runs");
        return underLoad;
    }

    // ---------------------------------------------------------------- S3

    private Map<String, Object> longHistory(RunningTracker.Client negotiator, RunningTracker.Client auditor,
            int events) throws Exception {
        String id = negotiator.post("/api/trajectories", TRAJECTORY.formatted(-1)).json().get("id").asText();
        CommandGateway gateway = tracker.bean(CommandGateway.class);
        Actor actor = new Actor("bench-negotiator", ORGANISATION);
        Instant middle = null;
        long adding = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (i == events / 2) {
                middle = Instant.now();
            }
            gateway.sendAndWait(new AddNote(new TrajectoryId(id), "Note " + i + " of a long history", actor,
                    Instant.now()));
        }
        double addingSeconds = seconds(adding);
        awaitCaughtUp();
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("trajectory", id);
        s3.put("events", events + 1);
        s3.put("addedInSeconds", round(addingSeconds));

        long start = System.nanoTime();
        int pages = 0;
        Long from = 0L;
        while (from != null) {
            JsonNode page = require(auditor.get("/api/trajectories/" + id + "/history?limit=1000&fromSequence="
                    + from), 200).json();
            pages++;
            from = page.path("nextFromSequence").isNumber() ? page.get("nextFromSequence").asLong() : null;
        }
        double historyMs = seconds(start) * 1000;
        s3.put("readingItsHistoryMs", round(historyMs));
        s3.put("historyPages", pages);
        String asOf = "/api/trajectories/" + id + "/phases?asOf=" + middle;
        String diff = "/api/trajectories/" + id + "/diff?from=" + middle + "&to=" + Instant.now();
        String report = "/api/trajectories/" + id + "/report?format=pdf";
        for (Map.Entry<String, String> read : Map.of("asOfMs", asOf, "diffMs", diff, "pdfReportMs", report)
                .entrySet()) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long begin = System.nanoTime();
                require(negotiator.get(read.getValue()), 200);
                millis.add((System.nanoTime() - begin) / 1e6);
            }
            Collections.sort(millis);
            s3.put(read.getKey(), round(millis.get(1)));
            s3.put(read.getKey().replace("Ms", "OverHistory"), round(millis.get(1) / historyMs));
        }
        s3.put("goal", "each <= 2 x reading its history");
        return s3;
    }

    // ---------------------------------------------------------------- S5

    private Map<String, Object> rebuild(RunningTracker.Client auditor) throws Exception {
        long events = eventsStored();
        int listed = auditor.get("/api/trajectories?size=1").json().path("total").asInt();
        long start = System.nanoTime();
        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/admin/projections/rebuild"))
                .header("Authorization", "Bearer " + RunningTracker.ADMIN_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (asked.statusCode() != 202) {
            throw new IllegalStateException("rebuild answered " + asked.statusCode() + ": " + asked.body());
        }
        double answeredAfter = seconds(start);
        // the old read models answer until the new ones take their place: list pages count every trajectory
        List<Double> pages = new ArrayList<>();
        int incomplete = 0;
        JsonNode status;
        do {
            long page = System.nanoTime();
            RunningTracker.Response listing = auditor.get("/api/trajectories?size=20");
            pages.add((System.nanoTime() - page) / 1e6);
            if (listing.status() != 200 || listing.json().path("total").asInt() < listed) {
                incomplete++;
            }
            Thread.sleep(200);
            status = tracker.asAdmin().get("/api/admin/projections").json();
        } while (!allFinished(status));
        double seconds = seconds(start);
        Map<String, Object> s5 = new LinkedHashMap<>();
        s5.put("requestAnsweredAfterSeconds", round(answeredAfter));
        s5.put("readModels", status.size());
        s5.put("events", events);
        s5.put("seconds", round(seconds));
        s5.put("eventsPerSecond", round(events / seconds));
        s5.put("eventsHandledPerSecondByAllReadModels", round(events * status.size() / seconds));
        s5.put("listPagesDuringRebuild", latencies(pages));
        s5.put("listPagesDuringRebuildMissingTrajectories", incomplete);
        long clearing = System.nanoTime();
        boolean cleared = false;
        while (!cleared && seconds(clearing) < 30) {
            cleared = true;
            for (JsonNode processor : tracker.asAdmin().get("/api/admin/projections").json()) {
                cleared &= !processor.path("replaying").asBoolean();
            }
            if (!cleared) {
                Thread.sleep(200);
            }
        }
        s5.put("replayingClearedAfterRebuild", cleared);
        s5.put("goal", ">= 20,000 events/s; replaying false once rebuilt");
        return s5;
    }

    private static boolean allFinished(JsonNode status) {
        for (JsonNode processor : status) {
            JsonNode rebuild = processor.path("rebuild");
            if (!"FINISHED".equals(rebuild.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- S9

    /**
     * The embedded store's data file once its compaction, which takes a step at each commit, has nothing left to do
     * (at most ten minutes), and how long that took with no one writing.
     */
    private Map<String, Object> compactedDataFile() throws InterruptedException {
        EmbeddedMongo embedded = tracker.bean(EmbeddedMongo.class);
        long start = System.nanoTime();
        EmbeddedMongo.DataFile file = embedded.dataFile();
        while (!file.compacted() && seconds(start) < 600) {
            Thread.sleep(1_000);
            file = embedded.dataFile();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("megabytes", round(file.bytes() / (1024.0 * 1024)));
        figures.put("percentInChunks", file.percentInChunks());
        figures.put("percentLiveInChunks", file.percentLiveInChunks());
        figures.put("compacted", file.compacted());
        figures.put("secondsToCompact", round(seconds(start)));
        return figures;
    }

    // ---------------------------------------------------------------- S7

    /** Starts the application on the filled store in a JVM of its own, and times it until health says UP. */
    private static Map<String, Object> restart(Path data, long events) throws Exception {
        Map<String, Object> s7 = new LinkedHashMap<>();
        try (OwnJvmStart started = OwnJvmStart.untilUp(data)) {
            s7.put("secondsToUp", started.secondsOrProblem());
        }
        s7.put("events", events);
        s7.put("goal", "<= 30 s (with 1M events)");
        return s7;
    }

    // ---------------------------------------------------------------- helpers

    private long download(String path, String token) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        long bytes = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
            }
        }
        return bytes;
    }

    /** Waits until every read model has handled every event stored. */
    private void awaitCaughtUp() throws InterruptedException {
        long start = System.nanoTime();
        while (seconds(start) < 1_800) {
            boolean caughtUp = true;
            for (JsonNode processor : tracker.asAdmin().get("/api/admin/projections").json()) {
                caughtUp &= processor.path("lag").isNumber() && processor.get("lag").asLong() == 0;
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The read models did not catch up");
    }

    /** The events stored: every commit counts its events. */
    private long eventsStored() {
        MongoDatabase database = tracker.bean(MongoDatabase.class);
        long events = 0;
        for (Document commit : database.getCollection("event_commits").find()
                .projection(Projections.include("first", "last"))) {
            Long first = commit.getLong("first");
            Long last = commit.getLong("last");
            events += first == null || last == null ? 1 : last - first + 1;
        }
        return events;
    }

    private static RunningTracker.Response require(RunningTracker.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Expected " + status + ", got " + response.status() + ": "
                    + response.body());
        }
        return response;
    }

    private static Map<String, Object> latencies(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("samples", sorted.length);
        figures.put("p50Ms", round(percentile(sorted, 50)));
        figures.put("p99Ms", round(percentile(sorted, 99)));
        figures.put("maxMs", round(sorted[sorted.length - 1]));
        return figures;
    }

    private static double percentile(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    /** What one of several clients does; {@code client} numbers it from 0. */
    private interface ClientLoop {
        void run(int client) throws Exception;
    }

    /** Runs {@code clients} clients at once, each on a thread of its own, until all are done; a failure fails it. */
    private static void atOnce(int clients, ClientLoop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    loop.run(client);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** What the embedded server's page cache holds, which a real MongoDB holds in its own process. */
    private int pageCacheMb() {
        return tracker.bean(EmbeddedMongo.class).pageCacheMegabytes();
    }

    private static double usedHeapMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void write(Path output) throws IOException {
        Path load = Path.of("/proc/loadavg");
        if (Files.isReadable(load)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> machine = (Map<String, Object>) results.get("machine");
            machine.put("loadAverageAtEnd", Files.readString(load).strip());
        }
        Files.createDirectories(output);
        Files.writeString(output.resolve("user-felt.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        StringBuilder markdown = new StringBuilder("# What users feel: benchmark\n\n")
                .append("Written by `UserFeltBenchmark` (`./mvnw -pl infra -am -Pbench -DskipTests verify`); the "
                        + "figures of one run, as measured, in `user-felt.json`.\n\n");
        results.forEach((name, value) -> markdown.append("## ").append(name).append("\n\n```json\n")
                .append(pretty(value)).append("\n```\n\n"));
        Files.writeString(output.resolve("user-felt.md"), markdown.toString());
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    private static String pretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }
}
