package nl.trajectorytracker.infra.audit.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Everything needed to verify one trajectory offline: the stored commits (raw payload and metadata strings, so the
 * links recompute), the chain (each event's {@code prev} and {@code hash}), the latest signed checkpoint and the
 * public key (PEM) it verifies with. The key in the bundle is a convenience: an auditor who wants independence pins
 * the key published at {@code /api/audit/public-key} and passes it to the verifier.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditBundle(String format, String trajectoryId, String exportedAt, List<StoredCommit> commits,
        Checkpoint checkpoint, String publicKey) {

    public static final String FORMAT = "trajectory-tracker-audit-bundle/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AuditBundle {
        commits = commits == null ? List.of() : List.copyOf(commits);
    }

    public static AuditBundle read(Path file) throws IOException {
        AuditBundle bundle = JSON.readValue(file.toFile(), AuditBundle.class);
        if (!FORMAT.equals(bundle.format())) {
            throw new IOException("Not an audit bundle of format " + FORMAT + ": " + bundle.format());
        }
        return bundle;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies the bundle with the given trusted key, or with the bundle's own key when none is given. */
    public Verification verify(String trustedPublicKeyPem) {
        String key = trustedPublicKeyPem != null ? trustedPublicKeyPem : publicKey;
        return ChainVerifier.verify(trajectoryId, StoredCommit.chainEvents(commits), checkpoint,
                key == null ? null : Signatures.publicKey(key));
    }
}
