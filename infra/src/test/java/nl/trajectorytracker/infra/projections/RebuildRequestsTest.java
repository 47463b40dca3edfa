package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.PlainStore;

/**
 * A rebuild, once acknowledged, is not lost: one that the instance did not finish before it stopped goes on at the
 * next start, one left by an instance that died is taken over by another, and every instance shows its progress.
 * Asked for again while it waits, a rebuild is answered by the waiting one rather than queued twice.
 */
class RebuildRequestsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void rebuildsAcknowledgedBeforeAStop_goOnAtTheNextStart() {
        Instant askedFor;
        try (RunningTracker tracker = SlowReplays.start(data)) {
            SlowReplays.fill(tracker, 4);
            askedFor = Instant.now();
            // the first runs (or waits, then the second is answered by it); the second waits behind it
            assertThat(tracker.asAdmin().post("/api/admin/projections/rebuild", "{}").status()).isEqualTo(202);
            assertThat(tracker.asAdmin().post("/api/admin/projections/trajectory-overview/rebuild", "{}").status())
                    .isEqualTo(202);
        }
        try (PlainStore store = PlainStore.start(data)) {
            assertThat(new MongoTemplate(store.client(), "tracker").getCollectionNames())
                    .as("the copies of the rebuild stopped halfway").noneMatch(name -> name.startsWith("rebuild_"));
        }
        try (RunningTracker tracker = SlowReplays.start(data)) {
            // two requests, or one if the second came before the first had started
            await().atMost(BOUND).untilAsserted(() -> assertThat(requests(tracker)).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.getString("state")).as(request.toJson())
                            .isEqualTo("FINISHED")));
            JsonNode rebuild = awaitRebuildFinished(tracker, "trajectory-overview");
            assertThat(Instant.parse(rebuild.get("startedAt").asText())).isAfter(askedFor);
            awaitRebuildFinished(tracker, "phase-state");
        }
    }

    @Test
    void aRebuildLeftByAnInstanceThatDied_isTakenOver_andOneThatKeptStoppingHalfway_isGivenUp() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            SlowReplays.fill(tracker, 4);
            Date longAgo = Date.from(Instant.now().minus(Duration.ofMinutes(10)));
            MongoTemplate mongo = tracker.bean(MongoTemplate.class);
            mongo.getCollection(RebuildRequests.COLLECTION).insertOne(request("monitoring", "REBUILDING", "died",
                    longAgo, 1));
            mongo.getCollection(RebuildRequests.COLLECTION).insertOne(request("trust-trend", "REBUILDING", "died",
                    longAgo, RebuildRequests.MAX_STARTS));

            awaitRebuildFinished(tracker, "monitoring");
            JsonNode givenUp = await().atMost(BOUND).until(() -> rebuildOf(tracker, "trust-trend"),
                    rebuild -> "FAILED".equals(rebuild.path("state").asText()));
            assertThat(givenUp.get("failure").asText()).contains("Stopped halfway 3 times");
        }
    }

    @Test
    void aRebuildThatAnotherInstanceRuns_showsHere_andIsLeftToIt_withNoTimeToGoOnceItFellSilent() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            MongoTemplate mongo = tracker.bean(MongoTemplate.class);
            Document running = request("stakeholder-network", "REBUILDING", "another", new Date(), 1)
                    .append("startedAt", new Date()).append("head", 40L * 1024).append("reached", 10L * 1024);
            mongo.getCollection(RebuildRequests.COLLECTION).insertOne(running);

            JsonNode rebuild = rebuildOf(tracker, "stakeholder-network");
            assertThat(rebuild.get("state").asText()).isEqualTo("REBUILDING");
            assertThat(rebuild.get("eventsDone").asLong()).isEqualTo(10);
            assertThat(rebuild.get("eventsTotal").asLong()).isEqualTo(40);
            assertThat(rebuild.get("etaSeconds").isNumber()).isTrue();
            // one whose instance has missed three signs of life, not yet taken over: its progress stands still
            Date silentSince = Date.from(Instant.now().minus(Duration.ofSeconds(45)));
            Document silent = request("decision-history", "REBUILDING", "silent", silentSince, 1)
                    .append("startedAt", silentSince).append("head", 40L * 1024).append("reached", 10L * 1024);
            mongo.getCollection(RebuildRequests.COLLECTION).insertOne(silent);
            tracker.bean(ProjectionRebuilds.class).lookAfterRequestsNow();
            assertThat(mongo.getCollection(RebuildRequests.COLLECTION).find(Filters.eq("_id", running.get("_id")))
                    .first().getString("owner")).isEqualTo("another");
            JsonNode standingStill = rebuildOf(tracker, "decision-history");
            assertThat(standingStill.get("state").asText()).isEqualTo("REBUILDING");
            assertThat(standingStill.get("eventsDone").asLong()).isEqualTo(10);
            assertThat(standingStill.path("etaSeconds").isNumber()).as("no time to go can be told").isFalse();
            assertThat(mongo.getCollection(RebuildRequests.COLLECTION).find(Filters.eq("_id", silent.get("_id")))
                    .first().getString("owner")).as("taken over only after two minutes").isEqualTo("silent");

            // a record this version cannot read, as another version or a hand might write it: failed, never run
            mongo.getCollection(RebuildRequests.COLLECTION).insertOne(new Document("_id", "by hand")
                    .append("names", "trust-trend").append("state", "PAUSED").append("aliveAt", new Date(0)));
            tracker.bean(ProjectionRebuilds.class).lookAfterRequestsNow();
            RunningTracker.Response all = tracker.asAdmin().get("/api/admin/projections");
            assertThat(all.status()).as(all.body()).isEqualTo(200);
            JsonNode unreadable = rebuildOf(tracker, "trust-trend");
            assertThat(unreadable.get("state").asText()).isEqualTo("FAILED");
            assertThat(unreadable.get("failure").asText()).startsWith(RebuildRequests.UNREADABLE);
        }
    }

    @Test
    void aRebuildAskedForAgainWhileItWaits_isAnsweredByTheWaitingOne_untilItStarts() {
        try (PlainStore store = PlainStore.start(data)) {
            RebuildRequests requests = new RebuildRequests(new MongoTemplate(store.client(), "tracker"),
                    Clock.systemUTC());
            List<String> every = List.of("monitoring", "phase-state", "trust-trend");

            RebuildRequests.Queued monitoring = requests.queue(List.of("monitoring"), 10, true);
            RebuildRequests.Queued all = requests.queue(every, 10, true);
            RebuildRequests.Queued again = requests.queue(List.of("monitoring"), 10, true);
            RebuildRequests.Queued waitedFor = requests.queue(List.of("monitoring"), 10, false);

            assertThat(monitoring.isNew()).isTrue();
            assertThat(all.isNew()).as("not covered by the waiting rebuild of monitoring").isTrue();
            assertThat(again.isNew()).isFalse();
            assertThat(again.request().id()).as("the oldest waiting one").isEqualTo(monitoring.request().id());
            assertThat(waitedFor.isNew()).as("one the caller waits for is always its own").isTrue();

            assertThat(requests.started(monitoring.request().id(), 12)).isTrue();
            RebuildRequests.Queued later = requests.queue(List.of("monitoring"), 12, true);
            assertThat(later.request().id()).as("a started rebuild may have read past what was asked for later")
                    .isEqualTo(all.request().id());
            assertThat(requests.latest("monitoring").orElseThrow().id()).isEqualTo(waitedFor.request().id());
        }
    }

    private static Document request(String name, String state, String owner, Date aliveAt, int starts) {
        return new Document("_id", new ObjectId()).append("names", List.of(name)).append("state", state)
                .append("requestedAt", aliveAt).append("head", -1L).append("reached", -1L).append("starts", starts)
                .append("owner", owner).append("aliveAt", aliveAt);
    }

    private static List<Document> requests(RunningTracker tracker) {
        return tracker.bean(MongoTemplate.class).getCollection(RebuildRequests.COLLECTION).find()
                .into(new ArrayList<>());
    }

    private static JsonNode rebuildOf(RunningTracker tracker, String name) {
        RunningTracker.Response status = tracker.asAdmin().get("/api/admin/projections/" + name);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json().path("rebuild");
    }

    private static JsonNode awaitRebuildFinished(RunningTracker tracker, String name) {
        return await().atMost(BOUND).until(() -> rebuildOf(tracker, name),
                rebuild -> "FINISHED".equals(rebuild.path("state").asText()));
    }
}
