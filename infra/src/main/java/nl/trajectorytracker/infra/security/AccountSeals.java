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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Seals on the stored accounts and tokens: an HMAC-SHA256 over every field that decides who may do what (name, role,
 * organisation, studies, revocation; a token's hash, account and revocation), keyed from the service's signing key,
 * which is kept outside MongoDB. Whoever can write the database cannot raise a role, move an account to another
 * organisation, rename one into another's name, revive a revoked one or add a token: a document whose seal does not
 * match cannot sign in.
 * <p>
 * Documents stored before seals are sealed as they are at the first start that has them; a file in the data
 * directory ({@value #ADOPTED}) records that this happened, so that an unsealed document is adopted only then. With
 * an ephemeral signing key (an external MongoDB and no key configured) nothing is sealed or checked: a key that
 * changes at every start could not check yesterday's seals.
 */
final class AccountSeals {

    static final String ADOPTED = "account-seals-adopted";
    private static final Logger log = LoggerFactory.getLogger(AccountSeals.class);

    private final byte[] key;

    private AccountSeals(byte[] key) {
        this.key = key;
    }

    /** Seals keyed from the signing key's private key; none (nothing sealed or checked) for an ephemeral one. */
    static AccountSeals keyedFrom(byte[] signingKey, boolean ephemeral) {
        if (ephemeral) {
            log.warn("Accounts and tokens are not sealed: the signing key is ephemeral. Configure"
                    + " tracker.audit.signing-key, or whoever can write the database can change who may do what");
            return new AccountSeals(null);
        }
        return new AccountSeals(hmac(signingKey, "account-seals".getBytes(StandardCharsets.UTF_8)));
    }

    /** The document with its seal, as stored. */
    Document sealed(Document document, List<String> fields) {
        if (key != null) {
            document.put("seal", seal(document, fields));
        }
        return document;
    }

    /** Whether the document's seal is this service's (always, when nothing is sealed). */
    boolean holds(Document document, List<String> fields) {
        if (key == null) {
            return true;
        }
        Object stored = document.get("seal");
        return stored instanceof String text && MessageDigest.isEqual(text.getBytes(StandardCharsets.US_ASCII),
                seal(document, fields).getBytes(StandardCharsets.US_ASCII));
    }

    /** Seals the unsealed documents of these collections, once per data directory; answers how many. */
    long adoptOnce(Path dataDirectory, List<MongoCollection<Document>> collections, List<List<String>> fields) {
        Path marker = dataDirectory.resolve(ADOPTED);
        if (key == null || Files.exists(marker)) {
            return 0;
        }
        long adopted = 0;
        for (int i = 0; i < collections.size(); i++) {
            MongoCollection<Document> collection = collections.get(i);
            for (Document document : collection.find(Filters.exists("seal", false))) {
                collection.replaceOne(Filters.eq("_id", document.get("_id")), sealed(document, fields.get(i)));
                adopted++;
            }
        }
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(marker, "accounts and tokens stored before seals were sealed at this start\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot record that the accounts were sealed: " + marker, e);
        }
        if (adopted > 0) {
            log.warn("Sealed {} accounts and tokens stored before seals, as they are now", adopted);
        }
        return adopted;
    }

    private String seal(Document document, List<String> fields) {
        StringBuilder content = new StringBuilder();
        for (String field : fields) {
            Object value = document.get(field);
            content.append(field).append('=').append(value instanceof Date date ? "@" + date.getTime()
                    : String.valueOf(value)).append('\n');
        }
        return Base64.getEncoder().encodeToString(hmac(key, content.toString().getBytes(StandardCharsets.UTF_8)));
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
