package nl.trajectorytracker.query.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms of one study: HMAC-SHA256 under the study's secret over the kind and the stored key (itself a keyed
 * hash under the server's research key), shortened to 80 bits. Stable within the study, unlinkable across studies
 * (each has its own secret) and unlinkable to the research tables without the study's secret. One instance serves
 * one release at a time.
 */
final class Pseudonyms {

    private final Mac mac;
    /** Organisations and persons recur in every step of a history: each is hashed once per release. */
    private final Map<String, String> known = new HashMap<>();

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

    String organisation(String key) {
        return key == null ? null : known.computeIfAbsent("O" + key, x -> "O-" + hash("organisation", key));
    }

    String person(String key) {
        return key == null ? null : known.computeIfAbsent("P" + key, x -> "P-" + hash("person", key));
    }

    private String hash(String kind, String value) {
        byte[] digest = mac.doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 10);
    }
}
