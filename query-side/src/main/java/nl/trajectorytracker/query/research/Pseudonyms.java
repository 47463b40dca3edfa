package nl.trajectorytracker.query.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of one study: HMAC-SHA256 under the study's secret over the kind and the value, shortened to 80
 * bits. Stable within the study, unlinkable across studies (each has its own secret).
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

    String trajectory(String id) {
        return id == null ? null : "T-" + hash("trajectory", id);
    }

    String organisation(String name) {
        return name == null ? null : "O-" + hash("organisation", name);
    }

    String person(String principal) {
        return principal == null ? null : "P-" + hash("person", principal);
    }

    private String hash(String kind, String value) {
        byte[] digest = mac.doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 10);
    }
}
