package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares builds of the application side by side on one machine: each variant (a jar) runs in a process of its own,
 * and the measurements alternate between them round by round, so that the noise of a shared machine falls on all of
 * them alike. Measured through the HTTP API as a negotiator feels it: a step's latency (p50, p99), how long a step
 * takes to show in the trajectory list, and a rebuild of every read model (commits per second).
 *
 * <p>Only the JDK is used, so it runs from its source:
 * {@code java AlternatingVariants.java [--rounds=8] [--steps=150] [--preload=300] [--generate=0] [--rebuilds=2]
 * a=a.jar b=b.jar::-Dsome.property=x::--some.option=y}: after {@code ::} come the variant's options for its JVM
 * ({@code -D}, {@code -X}) or for the application ({@code --}). {@code --store=<data directory>} starts every
 * variant on a copy of a store (one filled with the application's {@code --generate}, say), so that a rebuild has
 * something to do. The figures go to standard output as JSON.
 */
public final class AlternatingVariants {

    private static final String ADMIN_TOKEN = "tt_variant-benchmark-admin-token-0123456789abcdef";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(tt_[^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern EVENTS_TOTAL = Pattern.compile("\"eventsTotal\"\\s*:\\s*(\\d+)");
    private static final int TRAJECTORIES = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlternatingVariants() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> jars = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                String[] pair = arg.substring(2).split("=", 2);
                options.put(pair[0], pair.length > 1 ? pair[1] : "true");
            } else {
                String[] pair = arg.split("=", 2);
                jars.put(pair[0], pair[1]);
            }
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "8"));
        int steps = Integer.parseInt(options.getOrDefault("steps", "150"));
        int preload = Integer.parseInt(options.getOrDefault("preload", "300"));
        Path store = options.containsKey("store") ? Path.of(options.get("store")) : null;
        int rebuilds = Integer.parseInt(options.getOrDefault("rebuilds", "2"));
        String heap = options.getOrDefault("heap", "1g");
        new AlternatingVariants().run(jars, rounds, steps, preload, store, rebuilds, heap);
    }

    private void run(Map<String, String> jars, int rounds, int steps, int preload, Path store, int rebuilds,
            String heap) throws Exception {
        List<Variant> variants = new ArrayList<>();
        try {
            for (Map.Entry<String, String> jar : jars.entrySet()) {
                variants.add(start(jar.getKey(), jar.getValue(), heap, store));
            }
            for (Variant variant : variants) {
                prepare(variant, preload);
            }
            // one unmeasured round each, so that both are compiled before the measured ones
            for (Variant variant : variants) {
                steps(variant, steps, null, null);
            }
            for (int round = 0; round < rounds; round++) {
                List<Variant> order = new ArrayList<>(variants);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Variant variant : order) {
                    steps(variant, steps, variant.latencies, variant.visibility);
                }
            }
            for (int round = 0; round < rebuilds; round++) {
                List<Variant> order = new ArrayList<>(variants);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Variant variant : order) {
                    variant.rebuildRates.add(rebuild(variant));
                }
            }
            StringBuilder json = new StringBuilder("{\n  \"date\": \"" + Instant.now() + "\",\n  \"cores\": "
                    + Runtime.getRuntime().availableProcessors() + ",\n  \"rounds\": " + rounds
                    + ",\n  \"stepsPerRound\": " + steps + ",\n  \"preloadedSteps\": " + preload
                    + ",\n  \"store\": \"" + store + "\""
                    + ",\n  \"variants\": {");
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get(i);
                json.append(i == 0 ? "\n" : ",\n").append("    \"").append(variant.name).append("\": {")
                        .append("\"options\": \"").append(String.join(" ", variant.options)).append("\", ")
                        .append("\"stepP50Ms\": ").append(percentile(variant.latencies, 50))
                        .append(", \"stepP99Ms\": ").append(percentile(variant.latencies, 99))
                        .append(", \"visibleP50Ms\": ").append(percentile(variant.visibility, 50))
                        .append(", \"visibleP99Ms\": ").append(percentile(variant.visibility, 99))
                        .append(", \"rebuildCommitsPerSecond\": ").append(variant.rebuildRates).append("}");
            }
            json.append("\n  }\n}");
            System.out.println(json);
        } finally {
            for (Variant variant : variants) {
                stop(variant.process);
            }
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private Variant start(String name, String spec, String heap, Path store) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("variant-" + name);
        Path log = data.resolve("out.log");
        if (store != null) {
            try (var files = Files.walk(store)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, data.resolve("data").resolve(store.relativize(file).toString()));
                }
            }
        }
        String[] parts = spec.split("::");
        List<String> options = List.of(parts).subList(1, parts.length);
        List<String> command = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap));
        options.stream().filter(option -> !option.startsWith("--")).forEach(command::add);
        command.addAll(List.of("-jar", parts[0], "--server.port=" + port, "--tracker.data-dir=" + data.resolve("data"),
                "--TRACKER_ADMIN_TOKEN=" + ADMIN_TOKEN, "--tracker.security.rate-limit.enabled=false",
                "--tracker.security.failed-authentication.enabled=false", "--logging.level.root=WARN",
                "--axoniq.update-checker.disabled=true"));
        options.stream().filter(option -> option.startsWith("--")).forEach(command::add);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Variant variant = new Variant(name, process, "http://127.0.0.1:" + port, log, options);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped; see " + log);
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException(name + " did not come up; see " + log);
            }
            try {
                if (send(variant, "GET", "/actuator/health", null, null).body().contains("\"UP\"")) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        System.err.println(name + " is up on port " + port + " (log " + log + ")");
        return variant;
    }

    private void prepare(Variant variant, int preload) throws Exception {
        // a read model rebuilt at start-up (a stored shape changed) is rebuilt before anything is measured
        while (send(variant, "GET", "/api/admin/projections", ADMIN_TOKEN, null).body().contains("REBUILDING")) {
            Thread.sleep(500);
        }
        HttpResponse<String> account = send(variant, "POST", "/api/admin/accounts", ADMIN_TOKEN,
                "{\"name\":\"bench\",\"role\":\"NEGOTIATOR\",\"organisation\":\"Zilveren Kruis\"}");
        Matcher token = TOKEN.matcher(account.body());
        if (account.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("No account: " + account.body());
        }
        variant.token = token.group(1);
        for (int i = 0; i < TRAJECTORIES; i++) {
            HttpResponse<String> started = send(variant, "POST", "/api/trajectories", variant.token,
                    "{\"title\":\"Benchmark " + i + "\",\"parties\":[{\"organisationName\":\"Zilveren Kruis\","
                            + "\"type\":\"INSURER\"},{\"organisationName\":\"Ziekenhuis Amstelland\","
                            + "\"type\":\"CARE_PROVIDER\"}]}");
            Matcher id = ID.matcher(started.body());
            if (started.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("No trajectory: " + started.body());
            }
            variant.trajectories.add(id.group(1));
        }
        steps(variant, preload, null, null);
    }

    /** Sends {@code count} notes one after the other; every tenth is followed until the overview shows it. */
    private void steps(Variant variant, int count, List<Double> latencies, List<Double> visibility) throws Exception {
        for (int i = 0; i < count; i++) {
            String trajectory = variant.trajectories.get(variant.sent++ % variant.trajectories.size());
            long start = System.nanoTime();
            HttpResponse<String> answer = send(variant, "POST", "/api/trajectories/" + trajectory + "/notes",
                    variant.token, "{\"text\":\"A note of the benchmark, number " + variant.sent + "\"}");
            long answered = System.nanoTime();
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(variant.name + ": " + answer.statusCode() + " " + answer.body());
            }
            if (latencies != null) {
                latencies.add((answered - start) / 1e6);
            }
            if (visibility != null && i % 10 == 0) {
                Matcher version = VERSION.matcher(answer.body());
                version.find();
                String expected = "\"version\":" + version.group(1);
                while (!send(variant, "GET", "/api/trajectories/" + trajectory, variant.token, null).body()
                        .contains(expected)) {
                    Thread.sleep(1);
                }
                visibility.add((System.nanoTime() - start) / 1e6);
            }
        }
    }

    /** Rebuilds every read model and answers the commits per second, from the request to the last one done. */
    private double rebuild(Variant variant) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> started = send(variant, "POST", "/api/admin/projections/rebuild", ADMIN_TOKEN, "");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("No rebuild: " + started.body());
        }
        Matcher total = EVENTS_TOTAL.matcher(started.body());
        total.find();
        long commits = Long.parseLong(total.group(1));
        String status;
        do {
            Thread.sleep(20);
            status = send(variant, "GET", "/api/admin/projections", ADMIN_TOKEN, null).body();
        } while (status.contains("REBUILDING") || !status.contains("FINISHED"));
        double seconds = (System.nanoTime() - start) / 1e9;
        return Math.round(commits / seconds);
    }

    private HttpResponse<String> send(Variant variant, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(variant.baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, index)] * 100) / 100.0;
    }

    private static final class Variant {
        private final String name;
        private final Process process;
        private final String baseUrl;
        private final Path log;
        private final List<String> options;
        private final List<String> trajectories = new ArrayList<>();
        private final List<Double> latencies = new ArrayList<>();
        private final List<Double> visibility = new ArrayList<>();
        private final List<Double> rebuildRates = new ArrayList<>();
        private String token;
        private int sent;

        private Variant(String name, Process process, String baseUrl, Path log, List<String> options) {
            this.name = name;
            this.process = process;
            this.baseUrl = baseUrl;
            this.log = log;
            this.options = options;
        }
    }
}
