package nl.trajectorytracker.infra.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * S7 of the storage issue at any size: restarts on a copy of a given store (such as one filled by
 * {@code --generate}), each in a JVM of its own, timed until health says UP. The first start of this version on a
 * store written by an earlier one may also write what later starts read (the audit log's segments), so it is
 * reported apart. The store given is not changed.
 * <pre>./mvnw -pl infra -am -Pbench-restart -DskipTests verify -Dbench.store=&lt;data directory&gt;</pre>
 */
public final class RestartBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "tt_restart-benchmark-admin-token-0123456789abcdef";

    private RestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(System.getProperty("bench.store", ""));
        if (!Files.isRegularFile(store.resolve("tracker.mv.db"))) {
            throw new IllegalArgumentException("-Dbench.store=<data directory> with a tracker.mv.db, not " + store);
        }
        int restarts = Integer.getInteger("bench.restarts", 3);
        Path output = Path.of(System.getProperty("bench.output", "bench-results"));
        Path copy = Files.createTempDirectory("tracker-restart-store");
        try {
            copyDirectory(store, copy);
            measure(copy, restarts, output);
        } finally {
            try (Stream<Path> files = Files.list(copy)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(copy);
        }
    }

    private static void measure(Path copy, int restarts, Path output) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("machine", OwnJvmStart.machine());
        results.put("storeMb", Math.round(Files.size(copy.resolve("tracker.mv.db")) / 1e6));
        List<Object> seconds = new ArrayList<>();
        for (int i = 0; i <= restarts; i++) {
            try (OwnJvmStart started = OwnJvmStart.untilUp(copy, "--TRACKER_ADMIN_TOKEN=" + ADMIN_TOKEN)) {
                if (i == 0) {
                    results.put("commits", commits(started));
                    results.put("firstStartSeconds", started.secondsOrProblem());
                } else {
                    seconds.add(started.secondsOrProblem());
                }
            }
        }
        results.put("restartSeconds", seconds);
        results.put("goal", "<= 30 s with 1M events");

        Files.createDirectories(output);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results);
        Files.writeString(output.resolve("restart.json"), json + "\n");
        Files.writeString(output.resolve("restart.md"), "# Restart at size: benchmark\n\nWritten by `RestartBenchmark`"
                + " (`./mvnw -pl infra -am -Pbench-restart -DskipTests verify -Dbench.store=<data directory>`) on a"
                + " copy of the store given; the figures of one run in `restart.json`.\n\n```json\n" + json
                + "\n```\n");
        System.out.println(json);
    }

    /** The event store's head: its commits, one audit log entry each. */
    private static long commits(OwnJvmStart started) throws IOException, InterruptedException {
        JsonNode processors = JSON.readTree(started.get("/api/admin/projections", ADMIN_TOKEN));
        long head = 0;
        for (JsonNode processor : processors) {
            head = Math.max(head, processor.path("head").asLong());
        }
        return head;
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
