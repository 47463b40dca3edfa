package nl.trajectorytracker.infra.audit.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link function of the per-trajectory hash chain:
 * {@code hash = hex(SHA-256(UTF-8(canonicalForm) || UTF-8(prev)))}, where {@code prev} is the previous event's link
 * as 64 lower-case hex digits, and {@link #GENESIS} (64 zeros) for the first event of a trajectory.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String link(String canonicalForm, String prev) {
        MessageDigest sha256 = sha256();
        sha256.update(canonicalForm.getBytes(StandardCharsets.UTF_8));
        sha256.update(String.valueOf(prev).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The hash that stands for the last link of a commit whose events belong to no trajectory (they have no chain):
     * hex SHA-256 over their canonical forms, one per line.
     */
    public static String contentHash(java.util.List<ChainEvent> events) {
        StringBuilder forms = new StringBuilder();
        events.forEach(event -> forms.append(event.canonicalForm()).append('\n'));
        return sha256Hex(forms.toString());
    }

    /** Hex SHA-256 of a text, for digests over many chain heads. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
