package nl.trajectorytracker.infra.audit.verification;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A signed tree head of the audit log (RFC 9162 section 4.10, in JSON): "at {@code timestamp} the log held
 * {@code treeSize} entries with root {@code rootHash}". Ed25519 over the UTF-8 of {@link #content()}, base64. Anyone
 * who keeps a tree head can later ask for a consistency proof to the current one: a log that was rolled back,
 * forked or had an entry removed cannot produce it.
 */
public record TreeHead(long treeSize, String rootHash, String timestamp, String signature) {

    public String content() {
        return content(treeSize, rootHash, timestamp);
    }

    public static String content(long treeSize, String rootHash, String timestamp) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "audit-log-tree-head");
        members.put("treeSize", treeSize);
        members.put("rootHash", rootHash);
        members.put("timestamp", timestamp);
        return CanonicalJson.of(members);
    }

    public static TreeHead sign(long treeSize, byte[] root, String timestamp, PrivateKey key) {
        String rootHash = HexFormat.of().formatHex(root);
        return new TreeHead(treeSize, rootHash, timestamp,
                Signatures.sign(key, content(treeSize, rootHash, timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    public boolean signatureValid(PublicKey key) {
        return signature != null && rootHash != null && timestamp != null
                && Signatures.verify(key, content().getBytes(StandardCharsets.UTF_8), signature);
    }

    @JsonIgnore
    public byte[] root() {
        return HexFormat.of().parseHex(rootHash);
    }
}
