package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.eventstore.StoreSeal;

/**
 * Seals on stored documents that decide what the service does, which whoever can write the database must not be able
 * to change: an HMAC-SHA256 over the fields that decide it, keyed from the service's signing key (kept outside
 * MongoDB) and the seals' purpose. The accounts and tokens (name, role, organisation, studies, revocation; a token's
 * hash, account and revocation): a role raised, an account moved to another organisation, renamed into another's
 * name or revived, a token added cannot sign in. The personal-data keys (a key, its id and whose it is): a key moved
 * to another person escapes no erasure. The snapshots and the read models' tracking tokens ({@link StoreSeal}): a
 * snapshot changed decides no step, a token moved forward skips no event.
 * <p>
 * Documents stored before seals are sealed as they are at the first start that has them; a file in the data
 * directory records that this happened, so that an unsealed document is adopted only then. With an ephemeral signing
 * key (an external MongoDB and no key configured) nothing is sealed or checked: a key that changes at every start
 * could not check yesterday's seals.
 */
public final class DocumentSeals implements StoreSeal {

    /** The marker of the accounts' adoption. */
    static final String ADOPTED = "account-seals-adopted";
    private static final Logger log = LoggerFactory.getLogger(DocumentSeals.class);

    private final byte[] key;

    private DocumentSeals(byte[] key) {
        this.key = key;
    }

    /**
     * Seals for one purpose ({@code what}, as the warning names it), keyed from the signing key's private key; none
     * (nothing sealed or checked) for an ephemeral one.
     */
    public static DocumentSeals keyedFrom(byte[] signingKey, boolean ephemeral, String purpose, String what) {
        if (ephemeral) {
            log.warn("{} are not sealed: the signing key is ephemeral. Configure tracker.audit.signing-key, or"
                    + " whoever can write the database can change them", what);
            return new DocumentSeals(null);
        }
        return new DocumentSeals(hmac(signingKey, purpose.getBytes(StandardCharsets.UTF_8)));
    }

    /** Seals for one purpose keyed from the service's signing key; none when that key is ephemeral. */
    public static DocumentSeals keyedFrom(SigningKey signingKey, String purpose, String what) {
        return keyedFrom(signingKey.privateKey().getEncoded(), signingKey.ephemeral(), purpose, what);
    }

    /** No seals: nothing sealed, every document holds. For stores that a test builds without a signing key. */
    public static DocumentSeals none() {
        return new DocumentSeals(null);
    }

    /** Whether anything is sealed (a signing key that outlives the process). */
    public boolean keyed() {
        return key != null;
    }

    /** The document with its seal, as stored. */
    @Override
    public Document sealed(Document document, List<String> fields) {
        if (key != null) {
            document.put("seal", seal(document, fields));
        }
        return document;
    }

    /** Whether the document's seal is this service's (always, when nothing is sealed). */
    @Override
    public boolean holds(Document document, List<String> fields) {
        if (key == null) {
            return true;
        }
        Object stored = document.get("seal");
        return stored instanceof String text && MessageDigest.isEqual(text.getBytes(StandardCharsets.US_ASCII),
                seal(document, fields).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Seals the unsealed documents of these collections, once per data directory (the file {@code adopted} in it
     * says it happened); answers how many.
     */
    public long adoptOnce(Path dataDirectory, String adopted, List<MongoCollection<Document>> collections,
            List<List<String>> fields) {
        Path marker = dataDirectory.resolve(adopted);
        if (key == null || Files.exists(marker)) {
            return 0;
        }
        long count = 0;
        for (int i = 0; i < collections.size(); i++) {
            MongoCollection<Document> collection = collections.get(i);
            for (Document document : collection.find(Filters.exists("seal", false))) {
                collection.replaceOne(Filters.eq("_id", document.get("_id")), sealed(document, fields.get(i)));
                count++;
            }
        }
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(marker, "documents stored before seals were sealed at this start\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot record that the documents were sealed: " + marker, e);
        }
        if (count > 0) {
            log.warn("Sealed {} documents of {} stored before seals, as they are now", count, collections.stream()
                    .map(collection -> collection.getNamespace().getCollectionName()).toList());
        }
        return count;
    }

    private String seal(Document document, List<String> fields) {
        StringBuilder content = new StringBuilder();
        for (String field : fields) {
            Object value = document.get(field);
            content.append(field).append('=').append(value instanceof Date date ? "@" + date.getTime()
                    : value instanceof Binary binary ? "b:" + Base64.getEncoder().encodeToString(binary.getData())
                    : String.valueOf(value)).append('\n');
        }
        return over(content.toString());
    }

    /** The seal over a text (the event store's snapshots seal their fields, joined, with it). */
    @Override
    public String over(String text) {
        return Base64.getEncoder().encodeToString(hmac(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
