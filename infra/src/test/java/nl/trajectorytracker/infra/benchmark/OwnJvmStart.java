package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.trajectorytracker.infra.TrajectoryTrackerApplication;

/** The application started on a data directory in a JVM of its own, as an operator restarts it, timed until UP. */
final class OwnJvmStart implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process process;
    private final int port;
    private final Path log;
    /** Seconds from the command to health answering UP; negative when it never did. */
    final double secondsToUp;

    private OwnJvmStart(Process process, int port, Path log, double secondsToUp) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.secondsToUp = secondsToUp;
    }

    /** Starts the application with this JVM's heap limit and waits (at most ten minutes) until health says UP. */
    static OwnJvmStart untilUp(Path data, String... options) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("tracker-restart", ".log");
        long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap + "m", "-cp",
                System.getProperty("java.class.path"), TrajectoryTrackerApplication.class.getName(),
                "--server.port=" + port, "--tracker.data-dir=" + data, "--logging.level.root=WARN",
                "--axoniq.update-checker.disabled=true"));
        command.addAll(List.of(options));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        double seconds = -1;
        while (process.isAlive() && seconds(start) < 600) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"UP\"")) {
                    seconds = seconds(start);
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return new OwnJvmStart(process, port, log, seconds);
    }

    /** The figure for a report: the seconds, or where the log of a start that never came UP is. */
    Object secondsOrProblem() {
        return secondsToUp < 0 ? "not UP (see " + log + ")" : Math.round(secondsToUp * 100) / 100.0;
    }

    String get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Stops it as an operator does (SIGTERM: the service shuts down gracefully). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        Path load = Path.of("/proc/loadavg");
        if (Files.isReadable(load)) {
            machine.put("loadAverageAtStart", Files.readString(load).strip());
        }
        return machine;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
