package nl.trajectorytracker.infra.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import nl.trajectorytracker.infra.eventstore.SnapshotSeal;

/**
 * Snapshot seals: HMAC-SHA256 keyed from the signing key (kept outside MongoDB), so whoever can write the database
 * cannot make a snapshot the service uses. Under an ephemeral key the snapshots of an earlier run are not used after
 * a restart: the trajectories are loaded from their events, as when there is no snapshot.
 */
final class SnapshotSeals implements SnapshotSeal {

    private final SecretKeySpec key;

    SnapshotSeals(SigningKey signingKey) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(signingKey.privateKey().getEncoded(), "HmacSHA256"),
                "snapshot-seals"), "HmacSHA256");
    }

    @Override
    public String over(String fields) {
        return Base64.getEncoder().withoutPadding().encodeToString(mac(key, fields));
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
