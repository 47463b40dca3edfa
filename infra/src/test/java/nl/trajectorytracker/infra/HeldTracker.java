package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.command.rest.IdempotencyStore;

/**
 * The application in a child JVM that holds still at a chosen moment, so the test can kill it there with SIGKILL:
 * {@link Hold#AFTER_COMMIT}, when a request with an {@code Idempotency-Key} has committed and its outcome is about to
 * be stored and answered; {@link Hold#BEFORE_LINK}, when a follow-up is started and the link on its predecessor is
 * about to be recorded. The child prints {@code PORT <n>} when it serves and {@code HELD} when it holds. The data
 * file is never committed while it runs: what survives the kill is what the journal kept.
 */
public final class HeldTracker implements AutoCloseable {

    /** Where the child holds still. */
    public enum Hold {
        AFTER_COMMIT,
        BEFORE_LINK
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process child;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String baseUrl;

    private HeldTracker(Process child) throws InterruptedException {
        this.child = child;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EXIT " + e.getMessage());
            }
        }, "held-tracker-output");
        reader.setDaemon(true);
        reader.start();
        this.baseUrl = "http://127.0.0.1:" + awaitLine("PORT ", 180).substring("PORT ".length());
    }

    /** Starts the child on the data directory, with {@link RunningTracker#ADMIN_TOKEN} as administrator token. */
    public static HeldTracker start(Path data, Hold hold) throws IOException, InterruptedException {
        return new HeldTracker(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HeldTracker.class.getName(), data.toString(),
                hold.name()).redirectErrorStream(true).start());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Posts {@code json} as {@code token} (with an {@code Idempotency-Key} unless {@code null}); it must succeed. */
    public JsonNode post(String path, String token, String json, String key) throws Exception {
        HttpResponse<String> response = http.send(request(path, token, json, key),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Posts without waiting for the answer: the request the kill interrupts. */
    public CompletableFuture<HttpResponse<String>> postInBackground(String path, String token, String json,
            String key) {
        return http.sendAsync(request(path, token, json, key), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String token, String json, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    /** Waits until the child holds still, then kills it with SIGKILL: no shutdown hook, no store commit. */
    public void killWhenHeld() throws InterruptedException {
        awaitLine("HELD", 60);
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
    }

    private String awaitLine(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !child.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException("The child exited with " + child.exitValue() + " before " + prefix);
            }
        }
        throw new IllegalStateException("The child did not print " + prefix + " in " + seconds + " seconds");
    }

    @Override
    public void close() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
    }

    public static void main(String[] args) {
        Hold hold = Hold.valueOf(args[1]);
        CountDownLatch never = new CountDownLatch(1);
        SpringApplicationBuilder application = new SpringApplicationBuilder(TrajectoryTrackerApplication.class);
        if (hold == Hold.AFTER_COMMIT) {
            application.initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof IdempotencyStore store ? new HeldAfterCommit(store, never) : bean;
                }
            }));
        }
        ConfigurableApplicationContext context = application.run("--server.port=0", "--tracker.data-dir=" + args[0],
                "--TRACKER_ADMIN_TOKEN=" + RunningTracker.ADMIN_TOKEN, "--axoniq.update-checker.disabled=true",
                "--logging.level.root=WARN", "--tracker.embedded-mongo.commit-interval=1h");
        if (hold == Hold.BEFORE_LINK) {
            context.getBean(CommandBus.class).registerDispatchInterceptor(
                    (MessageDispatchInterceptor<CommandMessage<?>>) messages -> (index, command) -> {
                        if (command.getPayload() instanceof StartFollowUpTrajectory) {
                            holdStill(never);
                        }
                        return command;
                    });
        }
        System.out.println("PORT " + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void holdStill(CountDownLatch never) {
        System.out.println("HELD");
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds still where the outcome of a request that committed would be stored. */
    private record HeldAfterCommit(IdempotencyStore store, CountDownLatch never) implements IdempotencyStore {

        @Override
        public Claim claim(String principal, String key, Request request) {
            return store.claim(principal, key, request);
        }

        @Override
        public void complete(String principal, String key, Outcome outcome) {
            holdStill(never);
        }

        @Override
        public void release(String principal, String key) {
            store.release(principal, key);
        }

        @Override
        public void forget(String principal, String key) {
            store.forget(principal, key);
        }

        @Override
        public java.util.Optional<Outcome> committed(String keyId) {
            return store.committed(keyId);
        }
    }
}
