package nl.trajectorytracker.query.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms of one study: HMAC-SHA256 under the study's secret over the kind and the stored key (itself a keyed
 * hash under the server's research key), shortened to 80 bits. A trajectory's is stable within the study; an
 * organisation's and a person's are stable within one record only. All are unlinkable across studies (each has its
 * own secret) and to the research tables without the study's secret. One instance serves one release at a time.
 */
final class Pseudonyms {

    private final Mac mac;

    Pseudonyms(String base64Secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Secret), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    String trajectory(String key) {
        return key == null ? null : "T-" + hash("trajectory", key);
    }

    /**
     * An organisation's pseudonym within one record ({@code trajectory}, the record's key): it tells the parties of a
     * trajectory apart and links nothing across records, so an organisation cannot be recognised by how many
     * trajectories it has, of which types, nor followed from one it was recognised in to all the others.
     */
    String organisationIn(String trajectory, String key) {
        return key == null ? null : "O-" + hash("organisation", trajectory + "\u0000" + key);
    }

    /** A person's pseudonym within one record, for the same reason. */
    String personIn(String trajectory, String key) {
        return key == null ? null : "P-" + hash("person", trajectory + "\u0000" + key);
    }

    private String hash(String kind, String value) {
        byte[] digest = mac.doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 10);
    }
}
