package nl.trajectorytracker.infra.audit.verification;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed chain head of one trajectory: "on {@code signedAt} the trajectory ended at {@code lastSequence} with link
 * {@code lastHash}". The signature is Ed25519 over {@link #signedContent()}, base64.
 */
public record Checkpoint(String trajectoryId, long lastSequence, String lastHash, String signedAt,
        String signature) {

    /** The RFC 8785 object that is signed: kind, trajectory id, last sequence, last hash and time. */
    public String signedContent() {
        return content(trajectoryId, lastSequence, lastHash, signedAt);
    }

    public static String content(String trajectoryId, long lastSequence, String lastHash, String signedAt) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "trajectory-chain-head");
        members.put("trajectoryId", trajectoryId);
        members.put("lastSequence", lastSequence);
        members.put("lastHash", lastHash);
        members.put("signedAt", signedAt);
        return CanonicalJson.of(members);
    }

    public boolean signatureValid(PublicKey key) {
        return Signatures.verify(key, signedContent().getBytes(StandardCharsets.UTF_8), signature);
    }
}
