package nl.trajectorytracker.infra.security.erasure;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.api.values.PersonalData;
import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.audit.WitnessFile;
import nl.trajectorytracker.infra.projections.RebuildStarting;
import nl.trajectorytracker.infra.security.ApiTokens;
import nl.trajectorytracker.infra.security.DocumentSeals;

/**
 * One AES-256 key per person, in MongoDB. Events hold personal data only sealed with its person's key and a random
 * key id; the key id does not reveal the person. {@code personal_data_subjects} maps a keyed HMAC of a person's name
 * ({@link #subjectIdOf}) to their key id (an {@code _id} look-up when sealing); {@code personal_data_keys} holds the keys by key id (an
 * {@code _id} look-up when opening). Erasing a person deletes both documents, so what was sealed for them can no
 * longer be opened and reads as {@value PersonalData#ERASED}.
 * <p>
 * An instance trusts a key it read for {@code tracker.personal-data.key-cache-ttl} (10 s) at most: an erasure on
 * another instance sharing the database takes effect here within that time, and every rebuild of the read models
 * starts with no key trusted ({@link RebuildStarting}), so it reads the keys of people erased before it began as
 * erased, whichever instance erased them. Sealing reads the person's key id anew every time: what is sealed for a
 * name just erased on another instance gets a new key, never the erased one (which would make it unreadable as soon
 * as it is written).
 * <p>
 * An erasure is also written, before the key is deleted, to a file outside MongoDB: a key put back into the database
 * (by its administrator, or with a backup restored) stays erased for every instance that reads that file.
 * <p>
 * A key names whose it is ({@code subject}, the person's id as above) and is sealed with it ({@link DocumentSeals}),
 * and an erasure deletes every key of the person, not only the one their mapping names: a mapping pointed at a key id
 * that never was had an erasure answer that the key was deleted while the name stayed readable. A key whose seal does
 * not hold (moved to another person, changed) reads as erased.
 */
@Component
public class PersonalDataVault {

    static final String KEYS = "personal_data_keys";
    static final String SUBJECTS = "personal_data_subjects";
    /** What a key's seal covers. */
    private static final List<String> KEY_FIELDS = List.of("_id", "subject", "key");
    /** The data directory's record that the keys stored before seals were sealed. */
    static final String ADOPTED = "personal-data-keys-sealed";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataVault.class);
    private static final int IV_BYTES = 12;
    private static final int KEY_BYTES = 32;
    private static final int TAG_BITS = 128;
    private static final SecretKey ERASED_KEY = new SecretKeySpec(new byte[32], "AES");
    private static final Held ERASED = new Held(ERASED_KEY, null);
    /** Far more people than a store names: the bound only keeps the memory an instance gives to keys in check. */
    private static final int CACHED = 100_000;
    /**
     * A cipher per thread, initialised anew for each value: looking the algorithm up for every value was a large part
     * of unsealing, which a rebuild does for every event (every event names its actor).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has AES/GCM", e);
        }
    });

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> subjects;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Keys read, with whose they are, trusted for {@code tracker.personal-data.key-cache-ttl}. */
    private final Cache<String, Held> keysById;
    /**
     * Every key this instance (or one sharing its data directory) erased, from the erasures file outside MongoDB
     * ({@code tracker.personal-data.erasures-file}, default {@code <tracker.data-dir>/personal-data-erasures.jsonl});
     * none kept when constructed without one.
     */
    private final WitnessFile erasures;
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final DocumentSeals seals;

    public PersonalDataVault(MongoDatabase trackerDatabase, Clock clock) {
        this(trackerDatabase, clock, Duration.ofSeconds(10));
    }

    public PersonalDataVault(MongoDatabase trackerDatabase, Clock clock, Duration trusted) {
        this(trackerDatabase, clock, trusted, (WitnessFile) null, DocumentSeals.none());
    }

    @Autowired
    public PersonalDataVault(MongoDatabase trackerDatabase, Clock clock,
            @Value("${tracker.personal-data.key-cache-ttl:10s}") Duration trusted,
            @Value("${tracker.personal-data.erasures-file:}") String erasuresFile,
            @Value("${tracker.data-dir:./data}") Path dataDirectory, SigningKey signingKey) {
        this(trackerDatabase, clock, trusted, new WitnessFile(WitnessFile.of(erasuresFile, dataDirectory,
                "personal-data-erasures.jsonl")), DocumentSeals.keyedFrom(signingKey,
                        "personal-data-key-seals", "Personal-data keys"));
        adoptKeysStoredBeforeSeals(dataDirectory);
    }

    private PersonalDataVault(MongoDatabase trackerDatabase, Clock clock, Duration trusted, WitnessFile erasures,
            DocumentSeals seals) {
        this.keys = trackerDatabase.getCollection(KEYS);
        this.subjects = trackerDatabase.getCollection(SUBJECTS);
        this.clock = clock;
        this.keysById = Caffeine.newBuilder().expireAfterWrite(trusted).maximumSize(CACHED).build();
        this.erasures = erasures;
        this.seals = seals;
        // an erasure finds every key that names the person by it
        keys.createIndex(Indexes.ascending("subject"), new IndexOptions().name("personal_data_key_subject"));
        if (erasures != null) {
            erasures.read(new TypeReference<Erased>() { }).forEach(line -> erased.add(line.keyId()));
        }
    }

    /**
     * Once per data directory: names the person of every key stored before keys named them (by the mappings as they
     * are now), and seals every key as it is.
     */
    private void adoptKeysStoredBeforeSeals(Path dataDirectory) {
        if (Files.exists(dataDirectory.resolve(ADOPTED))) {
            return;
        }
        for (Document mapping : subjects.find()) {
            keys.updateOne(and(eq("_id", mapping.getString("keyId")), exists(
                    "subject", false)), Updates.set("subject", mapping.get("_id")));
        }
        seals.adoptOnce(dataDirectory, ADOPTED, List.of(keys), List.of(KEY_FIELDS));
    }

    /** An erasure as the erasures file holds it. */
    record Erased(String keyId, String erasedAt) {
    }

    /** A key as read, and the person it names ({@code null}: none, or erased). */
    private record Held(SecretKey key, Object subject) {
    }

    /** A value sealed with its person's key. */
    public record Sealed(String keyId, String ciphertext) {
    }

    public Sealed seal(String subject, String plaintext) {
        String subjectId = subjectIdOf(subject);
        String keyId = keyIdFor(subjectId, subject);
        Optional<SecretKey> current = key(keyId);
        if (current.isEmpty()) {
            // an erasure stopped halfway, or running now, deleted the key and not yet the person's key id: what is
            // sealed for them from now on gets a new key
            subjects.deleteOne(and(eq("_id", subjectId), eq("keyId", keyId)));
            keyId = keyIdFor(subjectId, null);
            current = key(keyId);
        }
        SecretKey key = current.orElseThrow(() -> new IllegalStateException("Key vanished while sealing"));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[IV_BYTES + encrypted.length];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            System.arraycopy(encrypted, 0, sealed, IV_BYTES, encrypted.length);
            return new Sealed(keyId, Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal personal data", e);
        }
    }

    /** The plaintext, or {@value PersonalData#ERASED} when the person's key has been deleted. */
    public String open(Sealed sealed) {
        Optional<SecretKey> key = key(sealed.keyId());
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the key or the sealed value was changed outside the service: a changed value breaks its event's
            // verification; either way nothing can be read, as after an erasure
            log.error("Personal data sealed under key {} does not open with it (changed in the database?); it reads"
                    + " as {}", sealed.keyId(), PersonalData.ERASED);
            return PersonalData.ERASED;
        }
    }

    /**
     * Deletes the person's keys: the one their mapping names and every key that names them; true when there was one.
     * Final: nothing sealed for them can be opened again.
     */
    public boolean erase(String subject) {
        Set<String> subjectIds = new LinkedHashSet<>(List.of(subjectIdOf(subject), legacySubjectId(subject)));
        Set<String> keyIds = new LinkedHashSet<>();
        for (String subjectId : subjectIds) {
            Document mapping = subjects.find(eq("_id", subjectId)).first();
            if (mapping != null && mapping.get("keyId") instanceof String mapped
                    && subjectIds.stream().anyMatch(id -> namesNoOneElse(mapped, id))) {
                keyIds.add(mapped);
            }
            keys.find(eq("subject", subjectId)).forEach(key -> keyIds.add(String.valueOf(key.get("_id"))));
        }
        if (keyIds.isEmpty()) {
            return false;
        }
        for (String keyId : keyIds) {
            if (erasures != null) {
                // first, outside the database: a key put back into it (a restored backup) stays erased
                erasures.append(new Erased(keyId, clock.instant().toString()));
            }
            erased.add(keyId);
            keys.deleteOne(eq("_id", keyId));
            keysById.put(keyId, ERASED);
        }
        subjectIds.forEach(subjectId -> subjects.deleteOne(eq("_id", subjectId)));
        return true;
    }

    /**
     * The person's key id as stored now (one look-up by {@code _id}), with a new key when they have none, or when
     * their mapping points at a key that names someone else: sealed under it, their data was erased with that person.
     * With the person's name ({@code subject}; null: not to be looked for), a mapping stored under the hash of it is
     * taken over.
     */
    private String keyIdFor(String subjectId, String subject) {
        Document mapping = subjects.find(eq("_id", subjectId)).first();
        if (mapping == null && subject != null && !legacySubjectId(subject).equals(subjectId)) {
            // only a person without a mapping under their id may have one under the hash of their name
            mapping = renamedFromLegacy(subjectId, legacySubjectId(subject));
        }
        if (mapping == null) {
            return createKey(subjectId);
        }
        String keyId = mapping.getString("keyId");
        if (!namesNoOneElse(keyId, subjectId)) {
            log.error("The personal-data mapping of a person points at a key of someone else (changed in the"
                    + " database?): a new key is made for them");
            subjects.deleteOne(and(eq("_id", subjectId), eq("keyId", keyId)));
            return createKey(subjectId);
        }
        return keyId;
    }

    /**
     * The person's mapping stored under the SHA-256 of their name (before ids were keyed), moved to their keyed id
     * with their key, which is sealed anew naming them by it; {@code null} when there is none. Each step can be
     * repeated after a crash: a key left naming the old id is still theirs for an erasure, which looks under both.
     */
    private Document renamedFromLegacy(String subjectId, String legacySubjectId) {
        Document legacy = subjects.find(eq("_id", legacySubjectId)).first();
        if (legacy == null || !(legacy.get("keyId") instanceof String keyId)) {
            return null;
        }
        Document key = keys.find(eq("_id", keyId)).first();
        if (key != null && legacySubjectId.equals(key.get("subject")) && seals.holds(key, KEY_FIELDS)) {
            key.put("subject", subjectId);
            keys.replaceOne(eq("_id", keyId), seals.sealed(key, KEY_FIELDS));
            keysById.invalidate(keyId);
        }
        try {
            subjects.insertOne(new Document("_id", subjectId).append("keyId", keyId));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        subjects.deleteOne(eq("_id", legacySubjectId));
        return subjects.find(eq("_id", subjectId)).first();
    }

    /**
     * Whether the key names this person, or names no one (erased, or stored before keys named their person); read
     * with the key itself, so sealing asks the database no more than before.
     */
    private boolean namesNoOneElse(String keyId, String subjectId) {
        Object subject = held(keyId).subject();
        return subject == null || subjectId.equals(subject);
    }

    private String createKey(String subjectId) {
        String keyId = UUID.randomUUID().toString();
        SecretKey key;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has AES", e);
        }
        Document stored = new Document("_id", keyId).append("subject", subjectId)
                .append("key", new Binary(key.getEncoded())).append("createdAt", Date.from(clock.instant()));
        keys.insertOne(seals.sealed(stored, KEY_FIELDS));
        try {
            Document mapping = new Document("_id", subjectId).append("keyId", keyId);
            subjects.insertOne(mapping);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            keys.deleteOne(eq("_id", keyId));
            return subjects.find(eq("_id", subjectId)).first().getString("keyId");
        }
        keysById.put(keyId, new Held(key, subjectId));
        return keyId;
    }

    private Optional<SecretKey> key(String keyId) {
        SecretKey key = held(keyId).key();
        return key == ERASED_KEY ? Optional.empty() : Optional.of(key);
    }

    private Held held(String keyId) {
        return keysById.get(keyId, id -> {
            Document stored = keys.find(eq("_id", id)).first();
            if (stored != null && erased.contains(id)) {
                log.error("The personal-data key {} was erased and is back in the database (a restored backup?);"
                        + " it stays erased", id);
                return ERASED;
            }
            return stored == null ? ERASED : new Held(stored(stored, seals), stored.get("subject"));
        });
    }

    /**
     * A stored key as this service writes it (32 bytes, binary, under its seal); any other form was written by someone
     * else and opens nothing: read as erased, and said, where it once failed every rebuild of the read models, the one
     * of the next erasure too, so that an erased person stayed readable in them.
     */
    private static SecretKey stored(Document stored, DocumentSeals seals) {
        Object key = stored.get("key");
        if (key instanceof Binary binary && binary.getData().length == KEY_BYTES && seals.holds(stored, KEY_FIELDS)) {
            return new SecretKeySpec(binary.getData(), "AES");
        }
        log.error("The personal-data key {} is not one this service wrote (changed in the database?): what was sealed"
                + " with it reads as {}", stored.get("_id"), PersonalData.ERASED);
        return ERASED_KEY;
    }

    /** A rebuild reads every key anew: one erased on another instance before it began reads as erased. */
    @EventListener
    void forgetCachedKeys(RebuildStarting rebuild) {
        keysById.invalidateAll();
    }

    /**
     * Where a person's mapping is stored, and how their keys name them: an HMAC of the name keyed from the signing key
     * (outside MongoDB), so that whoever reads the database cannot test a guessed name (the SHA-256 it once was,
     * they could); the SHA-256 when nothing is sealed (an ephemeral signing key).
     */
    public String subjectIdOf(String subject) {
        return seals.keyed() ? "h-" + seals.over("personal-data-subject\n" + subject.strip())
                : legacySubjectId(subject);
    }

    private static String legacySubjectId(String subject) {
        return ApiTokens.hash(subject.strip());
    }
}
