package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.PersonalData;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.security.erasure.PersonalDataVault;

/**
 * Crypto-shredding: personal data is stored sealed with a key per person; erasing the person deletes the key, after
 * which history and read models show "[erased]" while the stored events stay byte for byte the same.
 */
class ErasureTest {

    private static final String ERIN = "erin-erasable";
    private static final String FRITS = "frits-keeps";

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static String startTrajectory(RunningTracker.Client negotiator, String title) {
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "%s", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """.formatted(title));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> storedEvents() {
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        List<String> commits = new ArrayList<>();
        database.getCollection("event_commits").find().sort(new org.bson.Document("_id", 1))
                .forEach(commit -> commits.add(commit.toJson()));
        return commits;
    }

    private static String startedByEventually(RunningTracker.Client reader, String id, String expected) {
        return await("startedBy " + expected).atMost(Duration.ofSeconds(15)).until(() -> {
            RunningTracker.Response response = reader.get("/api/trajectories/" + id);
            return response.status() == 200 ? response.json().get("startedBy").asText() : null;
        }, expected::equals);
    }

    @Test
    void erasingAPerson_shredsTheirDataEverywhere_whileTheStoredEventsStayTheSame() {
        RunningTracker.Client erin = tracker.createNegotiator(ERIN, "Zilveren Kruis");
        RunningTracker.Client frits = tracker.createNegotiator(FRITS, "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor");
        String erinsTrajectory = startTrajectory(erin, "Erin's trajectory");
        String fritssTrajectory = startTrajectory(frits, "Frits's trajectory");
        assertThat(startedByEventually(auditor, erinsTrajectory, ERIN)).isEqualTo(ERIN);
        assertThat(startedByEventually(auditor, fritssTrajectory, FRITS)).isEqualTo(FRITS);
        List<String> before = storedEvents();
        assertThat(String.join("\n", before)).as("personal data is sealed at rest")
                .doesNotContain(ERIN).doesNotContain(FRITS).contains("Erin's trajectory");

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures",
                "{\"person\": \"" + ERIN + "\"}");

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("keyDeleted").asBoolean()).isTrue();
        assertThat(erased.json().get("accountsAnonymised").asInt()).isEqualTo(1);
        TrajectoryStarted history = (TrajectoryStarted) tracker.bean(EventStore.class).readEvents(erinsTrajectory)
                .asStream().toList().get(0).getPayload();
        assertThat(history.actor().principal()).isEqualTo(PersonalData.ERASED);
        assertThat(history.actor().organisation()).isEqualTo("Zilveren Kruis");
        assertThat(history.title()).isEqualTo("Erin's trajectory");
        assertThat(startedByEventually(auditor, erinsTrajectory, PersonalData.ERASED))
                .isEqualTo(PersonalData.ERASED);
        assertThat(startedByEventually(auditor, fritssTrajectory, FRITS)).isEqualTo(FRITS);
        assertThat(storedEvents()).as("the stored events, and so any hash chain over them, are unchanged")
                .isEqualTo(before);
        assertThat(erin.get("/api/trajectories").status()).isEqualTo(401);
        assertThat(tracker.asAdmin().get("/api/admin/accounts").body()).doesNotContain(ERIN).contains(FRITS);
    }

    /** A contact detail that belongs to the person named beside it. */
    record Contact(String name, @PersonalData(subject = "name") String email, String role) {
    }

    @Test
    void aValueMarkedWithASubject_isSealedWithThatPersonsKey() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(tracker.bean(nl.trajectorytracker.infra.security.erasure.PersonalDataModule.class));
        String json = mapper.writeValueAsString(new Contact("Greta Stakeholder", "greta@example.nl", "wethouder"));
        assertThat(json).doesNotContain("greta@example.nl").contains("\"pd\"").contains("wethouder");
        assertThat(mapper.readValue(json, Contact.class).email()).isEqualTo("greta@example.nl");

        tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"Greta Stakeholder\"}");

        Contact erased = mapper.readValue(json, Contact.class);
        assertThat(erased.email()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.role()).isEqualTo("wethouder");
        assertThat(mapper.readValue("{\"name\": \"x\", \"email\": \"plain@example.nl\"}", Contact.class).email())
                .as("plain values written before sealing are read as they are").isEqualTo("plain@example.nl");
    }

    @Test
    void erasure_isForAdministratorsOnly() {
        RunningTracker.Response refused = tracker.createAuditor("nosy-auditor").post("/api/admin/erasures",
                "{\"person\": \"" + FRITS + "\"}");

        assertThat(refused.status()).isEqualTo(403);
    }

    /**
     * A person's key rewritten in the database into a form the service never writes opens nothing: it reads as
     * erased, where it failed every rebuild of the read models, so that the next erasure answered 200 and left the
     * erased person's name in them.
     */
    @Test
    void aKeyChangedInTheDatabase_readsAsErased_andTheNextErasureStillTakesEffect() {
        RunningTracker.Client gert = tracker.createNegotiator("gert-damaged", "Zilveren Kruis");
        RunningTracker.Client hanna = tracker.createNegotiator("hanna-erasable", "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor-of-keys");
        String gerts = startTrajectory(gert, "Gert's trajectory");
        String hannas = startTrajectory(hanna, "Hanna's trajectory");
        startedByEventually(auditor, gerts, "gert-damaged");
        startedByEventually(auditor, hannas, "hanna-erasable");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        String keyId = keyIdOf(database, "gert-damaged");
        database.getCollection("personal_data_keys").updateOne(new org.bson.Document("_id", keyId),
                new org.bson.Document("$set", new org.bson.Document("key", "7nw6upvF9kaHR9Ztc3xn4mTT2wZ7ztCoxXQ=")));

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures",
                "{\"person\": \"hanna-erasable\"}");

        assertThat(erased.status()).isEqualTo(200);
        assertThat(startedByEventually(auditor, hannas, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(startedByEventually(auditor, gerts, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        com.fasterxml.jackson.databind.JsonNode rebuilds = tracker.asAdmin().get("/api/admin/projections").json();
        assertThat(rebuilds.findValues("state")).as(rebuilds.toString())
                .allMatch(state -> state.asText().equals("FINISHED"));
    }

    /**
     * The database's administrator put an erased person's key back (from a backup taken before the erasure): their
     * name came back everywhere within ten seconds. The erasure is also kept outside the database, and stays.
     */
    @Test
    void anErasedKeyPutBackIntoTheDatabase_staysErased() {
        RunningTracker.Client ida = tracker.createNegotiator("ida-restored", "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor-of-backups");
        String idas = startTrajectory(ida, "Ida's trajectory");
        startedByEventually(auditor, idas, "ida-restored");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        String keyId = keyIdOf(database, "ida-restored");
        org.bson.Document backup = database.getCollection("personal_data_keys")
                .find(new org.bson.Document("_id", keyId)).first();
        tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"ida-restored\"}");
        startedByEventually(auditor, idas, PersonalData.ERASED);

        database.getCollection("personal_data_keys").insertOne(backup);
        tracker.asAdmin().post("/api/admin/projections/rebuild", "{}");

        await("the rebuild after the key came back").atMost(Duration.ofSeconds(30)).until(
                () -> tracker.asAdmin().get("/api/admin/projections").json().findValues("state").stream()
                        .allMatch(state -> state.asText().equals("FINISHED")));
        assertThat(startedByEventually(auditor, idas, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        TrajectoryStarted history = (TrajectoryStarted) tracker.bean(EventStore.class).readEvents(idas)
                .asStream().toList().get(0).getPayload();
        assertThat(history.actor().principal()).isEqualTo(PersonalData.ERASED);
    }

    /**
     * The database's administrator pointed a person's mapping at a key id that never was: the erasure answered that
     * the key was deleted, deleted nothing, and the name stayed. And a key moved to another person (its subject
     * changed) would escape every erasure: it opens nothing.
     */
    @Test
    void aMappingPointedElsewhere_orAKeyMovedToAnotherPerson_escapesNoErasure() {
        RunningTracker.Client jan = tracker.createNegotiator("jan-redirected", "Zilveren Kruis");
        RunningTracker.Client kees = tracker.createNegotiator("kees-moved", "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor-of-mappings");
        String jans = startTrajectory(jan, "Jan's trajectory");
        String kees1 = startTrajectory(kees, "Kees's trajectory");
        startedByEventually(auditor, jans, "jan-redirected");
        startedByEventually(auditor, kees1, "kees-moved");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        pointMapping(database, "jan-redirected", "00000000-dead-beef-0000-000000000000");
        String keesKey = keyIdOf(database, "kees-moved");
        database.getCollection("personal_data_keys").updateOne(new org.bson.Document("_id", keesKey),
                new org.bson.Document("$set", new org.bson.Document("subject", subjectIdOf("someone-else"))));

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures",
                "{\"person\": \"jan-redirected\"}");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(startedByEventually(auditor, jans, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(startedByEventually(auditor, kees1, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
    }

    /**
     * A person's mapping pointed at another person's key: what the first then recorded was sealed under the second's
     * key, and erasing the first deleted it, so everything the second ever recorded read as erased.
     */
    @Test
    void aMappingPointedAtAnothersKey_neitherSealsUnderIt_norErasesIt() {
        RunningTracker.Client lotte = tracker.createNegotiator("lotte-kept", "Zilveren Kruis");
        RunningTracker.Client maarten = tracker.createNegotiator("maarten-pointed", "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor-of-pointers");
        String lottes = startTrajectory(lotte, "Lotte's trajectory");
        startTrajectory(maarten, "Maarten's first trajectory");
        startedByEventually(auditor, lottes, "lotte-kept");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        String lottesKey = keyIdOf(database, "lotte-kept");
        pointMapping(database, "maarten-pointed", lottesKey);
        String maartens = startTrajectory(maarten, "Maarten's second trajectory");
        startedByEventually(auditor, maartens, "maarten-pointed");

        assertThat(tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"maarten-pointed\"}").status())
                .isEqualTo(200);

        assertThat(startedByEventually(auditor, maartens, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(startedByEventually(auditor, lottes, "lotte-kept")).isEqualTo("lotte-kept");
    }

    /**
     * A person's mapping was stored under the SHA-256 of their name, so whoever reads the database could test a
     * guessed name. It is stored under a keyed HMAC now; one stored by an earlier version under the hash is taken
     * over, with its key, at the person's next step, and erased with them.
     */
    @Test
    void aPersonsMapping_isNoHashOfTheirName_andOneStoredUnderTheHash_isTakenOverAndErased() {
        RunningTracker.Client olga = tracker.createNegotiator("olga-legacy", "Zilveren Kruis");
        RunningTracker.Client auditor = tracker.createAuditor("auditor-of-legacy");
        String first = startTrajectory(olga, "Olga's first trajectory");
        startedByEventually(auditor, first, "olga-legacy");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        var subjects = database.getCollection("personal_data_subjects");
        var keys = database.getCollection("personal_data_keys");
        String hashed = ApiTokens.hash("olga-legacy");
        assertThat(subjects.find(new org.bson.Document("_id", hashed)).first()).isNull();
        // as an earlier version stored it: the mapping under the hash, the key naming her by it, sealed
        String keyId = keyIdOf(database, "olga-legacy");
        subjects.deleteOne(new org.bson.Document("_id", subjectIdOf("olga-legacy")));
        subjects.insertOne(new org.bson.Document("_id", hashed).append("keyId", keyId));
        org.bson.Document key = keys.find(new org.bson.Document("_id", keyId)).first();
        key.put("subject", hashed);
        keys.replaceOne(new org.bson.Document("_id", keyId), DocumentSeals.keyedFrom(tracker.bean(SigningKey.class)
                .privateKey().getEncoded(), false, "personal-data-key-seals", "keys")
                .sealed(key, List.of("_id", "subject", "key")));

        String second = startTrajectory(olga, "Olga's second trajectory");
        startedByEventually(auditor, second, "olga-legacy");

        assertThat(keyIdOf(database, "olga-legacy")).as("her key, taken over").isEqualTo(keyId);
        assertThat(subjects.find(new org.bson.Document("_id", hashed)).first()).isNull();
        assertThat(tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"olga-legacy\"}").status())
                .isEqualTo(200);
        assertThat(startedByEventually(auditor, first, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
        assertThat(startedByEventually(auditor, second, PersonalData.ERASED)).isEqualTo(PersonalData.ERASED);
    }

    /**
     * The audit access log named who read what: after an erasure it served the erased name beside the anonymised
     * account's id. The reads stay, the name goes.
     */
    @Test
    void anErasure_takesTheNameOutOfTheAuditAccessLog_andKeepsTheReads() {
        RunningTracker.Client reader = tracker.createAuditor("piet.pietersen@example.nl");
        String id = startTrajectory(tracker.negotiator(), "Read by Piet");
        assertThat(reader.get("/api/trajectories/" + id + "/verify").status()).isEqualTo(200);
        assertThat(accessLogText()).contains("piet.pietersen@example.nl");

        assertThat(tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"piet.pietersen@example.nl\"}")
                .status()).isEqualTo(200);

        String log = accessLogText();
        assertThat(log).doesNotContain("piet.pietersen@example.nl").contains("[erased]-" + reader.accountId())
                .contains("/api/trajectories/" + id + "/verify");
        assertThat(log).doesNotContain("\"intact\":false");
    }

    private static String accessLogText() {
        return tracker.asAdmin().get("/api/admin/audit/access-log?page=0&size=200").body();
    }

    /** The key id a person's mapping names, as the database holds it. */
    private static String keyIdOf(MongoDatabase database, String person) {
        return database.getCollection("personal_data_subjects")
                .find(new org.bson.Document("_id", subjectIdOf(person))).first().getString("keyId");
    }

    private static String subjectIdOf(String person) {
        return tracker.bean(PersonalDataVault.class).subjectIdOf(person);
    }

    /** Points a person's mapping at another key id, as a database writer would. */
    private static void pointMapping(MongoDatabase database, String person, String keyId) {
        database.getCollection("personal_data_subjects").updateOne(
                new org.bson.Document("_id", subjectIdOf(person)),
                new org.bson.Document("$set", new org.bson.Document("keyId", keyId)));
    }
}
