package nl.trajectorytracker.infra.benchmark;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.demo.SyntheticTrajectories;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;
import nl.trajectorytracker.infra.security.Account;
import nl.trajectorytracker.infra.security.AccountStore;
import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.query.research.ResearchStudies;
import nl.trajectorytracker.query.research.StudyRequest;

/**
 * Research at scale, over HTTP on the embedded default: {@code bench.trajectories} synthetic trajectories
 * (default 2,000; issues 31 and 32 ask about 10,000), then the researcher's histories export in every format
 * (megabytes a second, and the heap in use before and after; the first export apart, before the JIT compiled it),
 * then every aggregate view by four concurrent researchers (latency percentiles, the first request of each view
 * apart). Writes {@code bench-results/research.md} and {@code .json}. Run with {@code ./mvnw -pl infra -am -Pbench-research -DskipTests verify}.
 */
public final class ResearchBenchmark {

    private static final String ADMIN = "tt_benchmark-admin-token-0123456789abcdef";
    private static final List<String> VIEWS = List.of("phase-durations", "outcomes", "contracts", "goals", "trust",
            "lessons");

    private ResearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trajectories = Integer.getInteger("bench.trajectories", 2_000);
        int requestsPerClient = Integer.getInteger("bench.requestsPerClient", 150);
        int clients = Integer.getInteger("bench.clients", 4);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path data = Files.createTempDirectory("tracker-research-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("jvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        results.put("trajectories", trajectories);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .run("--server.port=0", "--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN", "--tracker.security.rate-limit.enabled=false",
                        "--TRACKER_ADMIN_TOKEN=" + ADMIN)) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            long started = System.nanoTime();
            SyntheticTrajectories.Report generated = app.getBean(SyntheticTrajectories.class).generate(trajectories,
                    SyntheticTrajectories.DEFAULT_SEED, SyntheticTrajectories.Progress.NONE);
            results.put("generatedCommands", generated.commands());
            results.put("generateSeconds", seconds(System.nanoTime() - started));
            started = System.nanoTime();
            ProjectionRebuilds projections = app.getBean(ProjectionRebuilds.class);
            while (true) {
                ProjectionRebuilds.ProcessorStatus status = projections.status("research");
                if (status.position() != null && status.position() >= status.head()) {
                    break;
                }
                Thread.sleep(200);
            }
            results.put("researchCatchUpSecondsAfterGenerating", seconds(System.nanoTime() - started));

            String study = app.getBean(ResearchStudies.class).create(new StudyRequest("Benchmark", "Speed", 5,
                    List.of(), List.of()), "benchmark").id();
            AccountStore accounts = app.getBean(AccountStore.class);
            Account researcher = accounts.create("bench-researcher", Role.RESEARCHER, null, List.of(study));
            String token = accounts.issueToken(researcher.id()).token();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String prefix = base + "/api/research/studies/" + study;

            Map<String, Object> exports = new LinkedHashMap<>();
            for (String run : List.of("firstJsonl", "jsonl", "csv", "json")) {
                String format = run.equals("firstJsonl") ? "jsonl" : run;
                System.gc();
                long heapBefore = usedHeap();
                long cpuBefore = processCpuNanos();
                long begin = System.nanoTime();
                HttpResponse<InputStream> answer = http.send(request(prefix + "/histories?format=" + format, token),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes = 0;
                long firstByte = -1;
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = answer.body()) {
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        if (firstByte < 0) {
                            firstByte = System.nanoTime() - begin;
                        }
                        bytes += read;
                    }
                }
                long took = System.nanoTime() - begin;
                long cpu = processCpuNanos() - cpuBefore;
                Map<String, Object> export = new LinkedHashMap<>();
                export.put("status", answer.statusCode());
                export.put("megabytes", round(bytes / 1e6));
                export.put("seconds", seconds(took));
                export.put("megabytesPerSecond", round(bytes / 1e6 / (took / 1e9)));
                // the whole process's CPU time (service, embedded server and this client): on a machine shared with
                // other work the rate per second of CPU time is what the export costs, whatever else runs
                export.put("cpuSeconds", seconds(cpu));
                export.put("megabytesPerCpuSecond", round(bytes / 1e6 / (cpu / 1e9)));
                export.put("secondsToFirstByte", seconds(firstByte));
                export.put("heapInUseBeforeMegabytes", round(heapBefore / 1e6));
                export.put("heapInUseAfterMegabytes", round(usedHeap() / 1e6));
                exports.put(run, export);
            }
            results.put("historiesExport", exports);

            Map<String, Object> first = new LinkedHashMap<>();
            for (String view : VIEWS) {
                long begin = System.nanoTime();
                HttpResponse<String> answer = http.send(request(prefix + "/aggregates/" + view, token),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - begin;
                first.put(view, Map.of("status", answer.statusCode(), "milliseconds", millis(took)));
            }
            results.put("aggregatesFirstRequest", first);

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Long>>> running = new ArrayList<>();
            long begin = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    for (int i = 0; i < requestsPerClient; i++) {
                        String view = VIEWS.get((i + client) % VIEWS.size());
                        String filter = i % 3 == 0 ? "" : i % 3 == 1 ? "?partyType=CARE_PROVIDER" : "?year=2020";
                        long sent = System.nanoTime();
                        HttpResponse<String> answer = http.send(request(prefix + "/aggregates/" + view + filter,
                                token), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(view + filter + ": " + answer.statusCode());
                        }
                        latencies.add(System.nanoTime() - sent);
                    }
                    return latencies;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> future : running) {
                latencies.addAll(future.get());
            }
            long took = System.nanoTime() - begin;
            pool.shutdown();
            Collections.sort(latencies);
            Map<String, Object> concurrent = new LinkedHashMap<>();
            concurrent.put("clients", clients);
            concurrent.put("requests", latencies.size());
            concurrent.put("requestsPerSecond", round(latencies.size() / (took / 1e9)));
            concurrent.put("p50Milliseconds", millis(latencies.get(latencies.size() / 2)));
            concurrent.put("p99Milliseconds", millis(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)));
            concurrent.put("maxMilliseconds", millis(latencies.get(latencies.size() - 1)));
            concurrent.put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            results.put("aggregatesConcurrent", concurrent);
        }

        Files.createDirectories(output);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(output.resolve("research.json"), json.writeValueAsString(results));
        Files.writeString(output.resolve("research.md"), "# Research at scale\n\n"
                + "Written by `ResearchBenchmark` (`./mvnw -pl infra -am -Pbench-research -DskipTests verify`).\n\n"
                + "```json\n" + json.writeValueAsString(results) + "\n```\n", StandardCharsets.UTF_8);
        System.out.println(json.writeValueAsString(results));
        System.exit(0);
    }

    private static HttpRequest request(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10)).GET().build();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long nanos) {
        return round(nanos / 1e9);
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
