package nl.trajectorytracker.infra;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The real application, started in this JVM on a random port over an embedded MongoDB in a data directory.
 *
 * <p>{@link #start} configures {@link #ADMIN_TOKEN} as the administrator token. {@link #get}, {@link #post} and
 * {@link #getEventually} act as a default negotiator of {@value #DEFAULT_ORGANISATION}; {@link #asAdmin()},
 * {@link #anonymous()} and {@link #createAccount} give clients acting as other principals.
 */
public final class RunningTracker implements AutoCloseable {

    public static final String ADMIN_TOKEN = "tt_test-administrator-token-0123456789abcdef";
    public static final String DEFAULT_ORGANISATION = "Zilveren Kruis";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final List<Consumer<Exchange>> listeners = new CopyOnWriteArrayList<>();
    private Client defaultNegotiator;

    private RunningTracker(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Starts with {@link #ADMIN_TOKEN} as the administrator token (unless the properties name another). */
    public static RunningTracker start(Path dataDirectory, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(extraProperties));
        if (properties.stream().noneMatch(property -> property.startsWith("TRACKER_ADMIN_TOKEN="))) {
            properties.add("TRACKER_ADMIN_TOKEN=" + ADMIN_TOKEN);
        }
        return startWith(dataDirectory, properties);
    }

    /** Starts without an administrator token configured, as a first start on the embedded default does. */
    public static RunningTracker startWithoutAdminToken(Path dataDirectory, String... extraProperties) {
        return startWith(dataDirectory, List.of(extraProperties));
    }

    private static RunningTracker startWith(Path dataDirectory, List<String> extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "tracker.data-dir=" + dataDirectory,
                "axoniq.update-checker.disabled=true"));
        realMongoDatabaseFor(dataDirectory).ifPresent(uri -> properties.add("MONGODB_URI=" + uri));
        properties.addAll(extraProperties);
        // as command-line arguments, so they win over application.yml (default properties would not)
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
        return new RunningTracker(context);
    }

    /**
     * With {@code MONGODB_URI} set, the whole suite runs on that MongoDB instead of the embedded default: each data
     * directory gets a database of its own (named after it), so tests stay apart, and a restart on the same directory
     * finds what the previous start stored, as on the embedded default.
     */
    static Optional<String> realMongoDatabaseFor(Path dataDirectory) {
        String uri = System.getenv("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(withDatabase(uri,
                "tracker_" + Integer.toHexString(dataDirectory.toAbsolutePath().normalize().hashCode())));
    }

    /** The URI with its database (the path after the hosts) replaced, its options kept. */
    static String withDatabase(String uri, String database) {
        int hosts = uri.indexOf("://") + 3;
        int query = uri.indexOf('?', hosts);
        int slash = uri.indexOf('/', hosts);
        int end = slash >= 0 && (query < 0 || slash < query) ? slash : query >= 0 ? query : uri.length();
        return uri.substring(0, end) + "/" + database + (query >= 0 ? uri.substring(query) : "");
    }

    /** A request a client of this tracker sent, and the answer it got. */
    public record Exchange(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
            String requestBody, Response response) {
    }

    /** Tells the listener of every request a client of this tracker sends, with its answer, once it is answered. */
    public void listen(Consumer<Exchange> listener) {
        listeners.add(listener);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A client that sends no token. */
    public Client anonymous() {
        return new Client(null, null, null);
    }

    /** A client acting as the administrator of {@link #ADMIN_TOKEN}. */
    public Client asAdmin() {
        return new Client(ADMIN_TOKEN, null, null);
    }

    /** A client that sends the given bearer token. */
    public Client as(String token) {
        return new Client(token, null, null);
    }

    /** Creates an account through the admin API and returns a client bound to its first token. */
    public Client createAccount(String name, String role, String organisation, List<String> studies) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("role", role);
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        if (studies != null) {
            studies.forEach(body.putArray("studies")::add);
        }
        Response created = asAdmin().post("/api/admin/accounts", body.toString());
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create account " + name + ": " + created.body());
        }
        JsonNode answer = created.json();
        return new Client(answer.at("/token/token").asText(), answer.at("/account/id").asText(),
                answer.at("/token/id").asText());
    }

    public Client createNegotiator(String name, String organisation) {
        return createAccount(name, "NEGOTIATOR", organisation, null);
    }

    public Client createAuditor(String name) {
        return createAccount(name, "AUDITOR", null, null);
    }

    public Client createResearcher(String name, List<String> studies) {
        return createAccount(name, "RESEARCHER", null, studies);
    }

    /** The default negotiator, of {@value #DEFAULT_ORGANISATION}, created on first use. */
    public synchronized Client negotiator() {
        if (defaultNegotiator == null) {
            defaultNegotiator = createNegotiator("negotiator-" + UUID.randomUUID(), DEFAULT_ORGANISATION);
        }
        return defaultNegotiator;
    }

    public Response get(String path) {
        return negotiator().get(path);
    }

    public Response post(String path, String json) {
        return negotiator().post(path, json);
    }

    /** A POST as the default negotiator with extra headers given as name, value, ... (If-Match, Idempotency-Key). */
    public Response post(String path, String json, String... headers) {
        return negotiator().post(path, json, headers);
    }

    public Response getEventually(String path, int expectedStatus) {
        return negotiator().getEventually(path, expectedStatus);
    }

    /**
     * Asks, as the administrator, for a consistency check of a read model, waits until it is done and answers its
     * report.
     */
    public JsonNode consistencyReport(String readModel) {
        String path = "/api/admin/projections/" + readModel + "/consistency-check";
        Response asked = asAdmin().post(path, "{}");
        if (asked.status() != 202) {
            throw new IllegalStateException("A consistency check of " + readModel + " was refused: " + asked.body());
        }
        JsonNode done = await().atMost(Duration.ofMinutes(2)).until(() -> asAdmin().get(path).json(),
                check -> !check.path("state").asText().equals("QUEUED")
                        && !check.path("state").asText().equals("CHECKING"));
        if (!done.path("state").asText().equals("DONE")) {
            throw new IllegalStateException("The consistency check of " + readModel + " failed: " + done);
        }
        return done.get("report");
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * HTTP access as one principal: a bearer token (or none), with the account and token ids when it was created
     * through the admin API.
     */
    public final class Client {

        private final String token;
        private final String accountId;
        private final String tokenId;

        private Client(String token, String accountId, String tokenId) {
            this.token = token;
            this.accountId = accountId;
            this.tokenId = tokenId;
        }

        public String token() {
            return token;
        }

        public String accountId() {
            return accountId;
        }

        public String tokenId() {
            return tokenId;
        }

        public Response get(String path) {
            return send("GET", path, null);
        }

        /**
         * Starts a trajectory of {@value RunningTracker#DEFAULT_ORGANISATION} (the insurer) and Ziekenhuis Amstelland
         * (the care provider), the walkthrough's parties, and answers its id.
         */
        public String startTrajectory(String title) {
            Response created = post("/api/trajectories", """
                    {"title": "%s",
                     "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                                 {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                    """.formatted(title));
            if (created.status() != 201) {
                throw new IllegalStateException("Could not start trajectory " + title + ": " + created.body());
            }
            return created.json().get("id").asText();
        }

        public Response post(String path, String json) {
            return send("POST", path, json);
        }

        public Response delete(String path) {
            return send("DELETE", path, null);
        }

        /** A POST with extra headers given as name, value, name, value... (e.g. If-Match, Idempotency-Key). */
        public Response post(String path, String json, String... headers) {
            return send("POST", path, json, headers);
        }

        public Response send(String method, String path, String json, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
            Map<String, List<String>> sent = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                sent.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
                sent.put("Authorization", List.of("Bearer " + token));
            }
            if (json != null) {
                request.header("Content-Type", "application/json");
                sent.put("Content-Type", List.of("application/json"));
                request.method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            Response response = RunningTracker.this.send(request);
            Exchange exchange = new Exchange(method, path, sent, json, response);
            listeners.forEach(listener -> listener.accept(exchange));
            return response;
        }

        /** Polls until the read model shows what the command side recorded; read models follow asynchronously. */
        /** GETs until the answer has the status (15 s at most), and answers the last response either way. */
        public Response getEventually(String path, int expectedStatus) {
            AtomicReference<Response> last = new AtomicReference<>();
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    last.set(get(path));
                    return last.get().status() == expectedStatus;
                });
            } catch (ConditionTimeoutException timedOut) {
                // the caller's assertion on the last response says what came instead
            }
            return last.get();
        }
    }

    /** An HTTP answer with its body parsed on demand. */
    public record Response(int status, String body, java.util.Map<String, List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }
}
