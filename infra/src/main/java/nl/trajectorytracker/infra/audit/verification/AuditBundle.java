package nl.trajectorytracker.infra.audit.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;

/**
 * Everything needed to verify one trajectory offline, trusting nothing but the public key (and, if the auditor kept
 * one, an earlier tree head): the stored commits (raw payload and metadata strings, links and signatures, so
 * everything recomputes), the audit log's entries for the trajectory each with its inclusion proof, the signed tree
 * head the proofs lead to, optionally a consistency proof from an earlier tree size, and the public key (PEM) as a
 * convenience — an auditor who wants independence pins the key published at {@code /api/audit/public-key}.
 * <p>
 * {@code reportedBreaks} are the breaks the service's own verification found when it exported, which the bundle alone
 * may not show: a log that differs from the tree heads it witnessed (it is then frozen and signs no tree head that
 * would cover the latest commits), or a head the witness file holds beyond what the store keeps. They can only make
 * the verification stricter: a bundle that holds them is BROKEN, and one stripped of them is judged on what it
 * proves, as before.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditBundle(String format, String trajectoryId, String exportedAt, List<StoredCommit> commits,
        List<ProvenEntry> log, TreeHead treeHead, ConsistencyProof consistency, String publicKey,
        List<Break> reportedBreaks) {

    public static final String FORMAT = "trajectory-tracker-audit-bundle/3";
    /** Bundles of the format before {@code reportedBreaks}, still read. */
    private static final String FORMAT_2 = "trajectory-tracker-audit-bundle/2";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** An entry of the audit log with its RFC 9162 inclusion proof in the bundle's tree head (hex hashes). */
    public record ProvenEntry(long index, LogEntry entry, List<String> inclusionProof) {
    }

    /** An RFC 9162 consistency proof from the tree of {@code fromSize} entries to the bundle's tree head. */
    public record ConsistencyProof(long fromSize, List<String> proof) {
    }

    /** The input could not be used: not a bundle, or not the proof the auditor's tree head needs. */
    public static final class Unusable extends IOException {

        public Unusable(String message) {
            super(message);
        }
    }

    public AuditBundle {
        commits = commits == null ? List.of() : List.copyOf(commits);
        log = log == null ? List.of() : List.copyOf(log);
        reportedBreaks = reportedBreaks == null ? List.of() : List.copyOf(reportedBreaks);
    }

    public static AuditBundle read(Path file) throws IOException {
        AuditBundle bundle = JSON.readValue(file.toFile(), AuditBundle.class);
        if (!FORMAT.equals(bundle.format()) && !FORMAT_2.equals(bundle.format())) {
            throw new Unusable("Not an audit bundle of format " + FORMAT + ": " + bundle.format());
        }
        return bundle;
    }

    public static TreeHead readTreeHead(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TreeHead.class);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies the bundle with the given trusted key (or the bundle's own when none is given) and, when the auditor
     * kept a tree head, that the bundle's tree head extends it.
     *
     * @throws Unusable when the auditor's tree head cannot be compared (no consistency proof from its size)
     */
    public Verification verify(String trustedPublicKeyPem, TreeHead trustedTreeHead) throws Unusable {
        String pem = trustedPublicKeyPem != null ? trustedPublicKeyPem : publicKey;
        PublicKey key = pem == null ? null : Signatures.publicKey(pem);
        List<Break> logBreaks = new ArrayList<>();
        List<LogEntry> entries = new ArrayList<>();
        long logSize = 0;
        if (treeHead != null) {
            logSize = treeHead.treeSize();
            if (key != null && !treeHead.signatureValid(key)) {
                logBreaks.add(new Break(Kind.LOG_INCONSISTENT, null, null,
                        "the bundle's tree head is not signed by the key"));
            }
            byte[] root = HexFormat.of().parseHex(treeHead.rootHash());
            for (ProvenEntry proven : log) {
                List<byte[]> proof = proven.inclusionProof().stream().map(HexFormat.of()::parseHex).toList();
                if (proven.index() != proven.entry().index() || !MerkleTree.verifyInclusion(proven.index(),
                        treeHead.treeSize(), proven.entry().leafHash(), proof, root)) {
                    logBreaks.add(new Break(Kind.LOG_INCONSISTENT, proven.entry().first(), proven.entry().position(),
                            "the log entry for position " + proven.entry().position()
                                    + " is not proven in the bundle's tree head"));
                } else {
                    entries.add(proven.entry());
                }
            }
            if (trustedTreeHead != null) {
                logBreaks.addAll(extendsTrusted(trustedTreeHead, key));
            }
        } else if (!log.isEmpty()) {
            logBreaks.add(new Break(Kind.LOG_INCONSISTENT, null, null, "log entries without a tree head"));
        }
        Verification proven = TrajectoryVerifier.verify(trajectoryId, commits, entries, logSize, treeHead, logBreaks,
                key);
        if (proven.status() == Verification.Status.BROKEN || reportedBreaks.isEmpty()) {
            return proven;
        }
        reportedBreaks.forEach(reported -> logBreaks.add(new Break(reported.kind(), reported.sequence(),
                reported.globalPosition(), "reported by the service when it exported this bundle: "
                        + reported.reason())));
        return TrajectoryVerifier.verify(trajectoryId, commits, entries, logSize, treeHead, logBreaks, key);
    }

    private List<Break> extendsTrusted(TreeHead trusted, PublicKey key) throws Unusable {
        if (key != null && !trusted.signatureValid(key)) {
            throw new Unusable("the trusted tree head is not signed by the key");
        }
        if (trusted.treeSize() > treeHead.treeSize()) {
            return List.of(new Break(Kind.LOG_INCONSISTENT, null, null, "the bundle's tree head (size "
                    + treeHead.treeSize() + ") is older than the trusted one (size " + trusted.treeSize()
                    + "): the log was rolled back, or the bundle is older than the head you kept"));
        }
        if (trusted.treeSize() == treeHead.treeSize()) {
            return trusted.rootHash().equalsIgnoreCase(treeHead.rootHash()) ? List.of()
                    : List.of(new Break(Kind.LOG_INCONSISTENT, null, null, "the bundle's tree head has another root"
                            + " than the trusted one of the same size: the log was forked"));
        }
        if (consistency == null || consistency.fromSize() != trusted.treeSize()) {
            throw new Unusable("the bundle has no consistency proof from tree size " + trusted.treeSize()
                    + "; export it with ?consistencyFrom=" + trusted.treeSize());
        }
        List<byte[]> proof = consistency.proof().stream().map(HexFormat.of()::parseHex).toList();
        return MerkleTree.verifyConsistency(trusted.treeSize(), treeHead.treeSize(), trusted.root(), treeHead.root(),
                proof) ? List.of()
                : List.of(new Break(Kind.LOG_INCONSISTENT, null, null, "the bundle's tree head is not an extension"
                        + " of the trusted one (size " + trusted.treeSize() + "): the log was rolled back or forked"));
    }
}
