package nl.trajectorytracker.infra.audit.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

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
 * <p>
 * {@code head} is the service's signed statement of the trajectory's last sequence and link as of the tree head
 * (format {@code /4}): proven log entries show that what a bundle holds was logged, not that it holds all of it, so a
 * bundle with its last commits cut off verified OK. One whose commits end before the signed head is BROKEN; a bundle of
 * an earlier format, which has no such statement, cannot show that nothing was cut off at its end.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditBundle(String format, String trajectoryId, String exportedAt, List<StoredCommit> commits,
        List<ProvenEntry> log, TreeHead treeHead, ConsistencyProof consistency, String publicKey,
        List<Break> reportedBreaks, Head head) {

    public static final String FORMAT = "trajectory-tracker-audit-bundle/4";
    /** Bundles of the formats before the signed head and before {@code reportedBreaks}, still read. */
    private static final List<String> EARLIER_FORMATS = List.of("trajectory-tracker-audit-bundle/3",
            "trajectory-tracker-audit-bundle/2");

    /** The trajectory's last sequence and link as of the tree head of {@code treeSize}, signed by the service. */
    public record Head(long treeSize, Long sequence, String hash, String signature) {

        /** The head signed with the service's key. */
        public static Head signed(String trajectoryId, long treeSize, Long sequence, String hash, PrivateKey key) {
            return new Head(treeSize, sequence, hash, Signatures.sign(key, statement(trajectoryId, treeSize,
                    sequence, hash)));
        }

        boolean signedBy(PublicKey key, String trajectoryId) {
            return Signatures.verify(key, statement(trajectoryId, treeSize, sequence, hash), signature);
        }

        private static byte[] statement(String trajectoryId, long treeSize, Long sequence, String hash) {
            return String.join("\n", "trajectory-tracker-bundle-head/1", trajectoryId, String.valueOf(treeSize),
                    String.valueOf(sequence), String.valueOf(hash)).getBytes(StandardCharsets.UTF_8);
        }
    }

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
        if (!FORMAT.equals(bundle.format()) && !EARLIER_FORMATS.contains(bundle.format())) {
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
        List<Break> headBreaks = headBreaks(proven, key);
        if (!headBreaks.isEmpty()) {
            logBreaks.addAll(headBreaks);
            proven = TrajectoryVerifier.verify(trajectoryId, commits, entries, logSize, treeHead, logBreaks, key);
        }
        if (proven.status() == Verification.Status.BROKEN || reportedBreaks.isEmpty()) {
            return proven;
        }
        reportedBreaks.forEach(reported -> logBreaks.add(new Break(reported.kind(), reported.sequence(),
                reported.globalPosition(), "reported by the service when it exported this bundle: "
                        + reported.reason())));
        return TrajectoryVerifier.verify(trajectoryId, commits, entries, logSize, treeHead, logBreaks, key);
    }

    /** Whether the bundle says by its format that it carries the service's signed head. */
    public boolean carriesHead() {
        return FORMAT.equals(format);
    }

    /** Where the commits end before the head the service signed, or the head is missing or not its signature. */
    private List<Break> headBreaks(Verification walked, PublicKey key) {
        if (!carriesHead()) {
            return List.of();
        }
        if (head == null || (key != null && !head.signedBy(key, trajectoryId))
                || (treeHead != null && head.treeSize() != treeHead.treeSize())) {
            return List.of(new Break(Kind.LOG_INCONSISTENT, null, null, "the bundle's head of the trajectory is"
                    + " missing, not signed by the key, or not of the bundle's tree head"));
        }
        long signed = head.sequence() == null ? -1 : head.sequence();
        long held = walked.headSequence() == null ? -1 : walked.headSequence();
        if (held < signed) {
            return List.of(new Break(Kind.TAIL_TRUNCATED, held + 1, null, "the service signed the trajectory's head"
                    + " at sequence " + signed + " when it exported; the bundle's commits end at " + held));
        }
        if (held == signed && !Objects.equals(walked.headHash(), head.hash())) {
            return List.of(new Break(Kind.PAYLOAD_CHANGED, held, null, "the trajectory's last link is not the one"
                    + " the service signed when it exported"));
        }
        return List.of();
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
