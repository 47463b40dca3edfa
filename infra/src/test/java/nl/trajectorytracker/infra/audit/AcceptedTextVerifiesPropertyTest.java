package nl.trajectorytracker.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * Every text the API accepts survives append, store, read and verification unchanged: for arbitrary strings (any
 * UTF-16 code unit, lone surrogates, noncharacters and control characters included, sent as JSON escapes; drawn
 * from a fixed seed so a failure can be replayed, plus the edge cases by hand) a note is
 * either refused with 400 naming the field, or stored so that its chain verifies and it reads back as sent
 * (trimmed): the page of the history that holds it verifies (its commit's links, signature and link to the commit
 * before), and every fiftieth accepted text the whole trajectory is verified. Through the real HTTP API and the
 * embedded MongoDB.
 */
class AcceptedTextVerifiesPropertyTest {

    private static Path data;
    private static RunningTracker tracker;
    private static RunningTracker.Client auditor;
    private static String trajectory;
    private static int accepted;

    private static final long SEED = 20261206L;
    private static final int GENERATED = 250;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("accepted-text");
        // hundreds of requests in a few seconds from one principal: the rate limit is not what this test is about
        tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false");
        auditor = tracker.createAuditor("audrey-auditor");
        RunningTracker.Response created = tracker.post("/api/trajectories", """
                {"title": "Text that hashes the same forever",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        trajectory = created.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        tracker.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptedText_readsBackUnchanged_andItsChainVerifies() {
        return texts().stream().map(text -> DynamicTest.dynamicTest(codePoints(text), () -> roundTrip(text)));
    }

    private static void roundTrip(String text) {
        RunningTracker.Response answer = tracker.post("/api/trajectories/" + trajectory + "/notes",
                "{\"text\": " + escaped(text) + "}");

        if (answer.status() == 400) {
            assertThat(answer.json().get("field").asText()).as(answer.body()).isEqualTo("text");
            return;
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long version = answer.json().get("version").asLong();
        JsonNode page = auditor.get("/api/trajectories/" + trajectory + "/history?fromSequence=" + version
                + "&limit=1").json();
        assertThat(page.get("chain").asText()).as(page.toString()).startsWith("OK");
        assertThat(page.at("/events/0/payload/text").asText()).isEqualTo(text.strip());
        if (++accepted % 50 == 0) {
            JsonNode verification = auditor.get("/api/trajectories/" + trajectory + "/verify").json();
            assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("OK");
        }
    }

    @Test
    void aLoneSurrogate_isRefusedWith400_namingTheField_inATitle_aPartyName_andAnOverrideReason() {
        RunningTracker.Response title = tracker.post("/api/trajectories", """
                {"title": "a \\ud800 b", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """);
        RunningTracker.Response party = tracker.post("/api/trajectories", """
                {"title": "Fine", "parties": [{"organisationName": "Zilveren \\udc00Kruis", "type": "INSURER"}]}
                """);
        RunningTracker.Response reason = tracker.post("/api/trajectories/" + trajectory + "/phase-advances", """
                {"to": "CO_DESIGN", "overrideReason": "the board \\uffff decided"}
                """);

        assertThat(title.status()).as(title.body()).isEqualTo(400);
        assertThat(title.json().get("field").asText()).isEqualTo("title");
        assertThat(party.status()).as(party.body()).isEqualTo(400);
        assertThat(party.json().get("field").asText()).contains("organisationName");
        assertThat(reason.status()).as(reason.body()).isEqualTo(400);
        assertThat(reason.json().get("field").asText()).isEqualTo("overrideReason");
    }

    /** Edge cases, then strings of random UTF-16 code units and of random code points of every plane. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of("", "   ", "\t\n", "plain text", "a \ud800 b", "\udc00",
                "\ud83d\ude00 emoji", "x\uFFFE", "\uFFFF", "\uFDD0", "bell\u0007", "nul\u0000", "c1\u0085",
                "\u202e reversed", "e\u0301 combining", "\u00a0no-break\u00a0", "z".repeat(4000), "z".repeat(4001),
                "\"quoted\" \\ back", "\ud800\udc00 first supplementary", "\udbff\udfff last", "\u2028\u2029"));
        Random random = new Random(SEED);
        for (int i = 0; i < GENERATED; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                if (i % 2 == 0) {
                    text.append((char) random.nextInt(0x10000));
                } else {
                    text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String codePoints(String text) {
        StringBuilder name = new StringBuilder(text.isEmpty() ? "(empty)" : "");
        text.chars().limit(8).forEach(c -> name.append(String.format("U+%04X ", c)));
        return name.append(text.length() > 8 ? "... (" + text.length() + " units)" : "").toString().strip();
    }

    /** A JSON string with every character outside printable ASCII as a {@code \\uXXXX} escape, lone halves too. */
    private static String escaped(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                json.append(c);
            } else {
                json.append(String.format("\\u%04x", (int) c));
            }
        }
        return json.append('"').toString();
    }
}
