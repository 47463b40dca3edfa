package nl.trajectorytracker.infra.audit;

import java.util.List;


import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.command.rest.ActorResolver;
import nl.trajectorytracker.infra.audit.verification.TreeHead;

/**
 * The audit log's public face: the public key, the latest signed tree head and consistency proofs (any authenticated
 * role: they reveal sizes and hashes, nothing of any trajectory, and whoever keeps tree heads is a witness); the
 * reported breaks (auditors); and for administrators a checkpoint run (take in every commit, sign a tree head) and
 * the acknowledgement of a break.
 */
@RestController
public class AuditController {

    private final SigningKey key;
    private final AuditLog auditLog;
    private final AuditBreaks breaks;
    private final ActorResolver actors;

    public AuditController(SigningKey key, AuditLog auditLog, AuditBreaks breaks, ActorResolver actors) {
        this.key = key;
        this.auditLog = auditLog;
        this.breaks = breaks;
        this.actors = actors;
    }

    @GetMapping("/api/audit/public-key")
    public ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Signing-Key-Ephemeral", String.valueOf(key.ephemeral()))
                .body(key.publicKeyPem());
    }

    /** The latest signed tree head; keep it to check later that the log only grew. */
    @GetMapping("/api/audit/tree-head")
    public TreeHead treeHead() {
        return auditLog.latestTreeHead().orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                "The audit log has no signed tree head yet"));
    }

    /** A consistency proof. */
    public record Consistency(long fromSize, long toSize, TreeHead toTreeHead, List<String> proof) {
    }

    /** RFC 9162 consistency proof from the tree of {@code from} entries to the tree of {@code to} entries. */
    @GetMapping("/api/audit/consistency")
    public Consistency consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        long size = auditLog.latestTreeHead().map(TreeHead::treeSize).orElse(0L);
        long upTo = to == null ? size : to;
        if (upTo < 1 || upTo > size) {
            throw new InvalidValueException("to", "must be the size of a signed tree head, at most " + size);
        }
        if (from < 1 || from > upTo) {
            throw new InvalidValueException("from", "must be between 1 and " + upTo);
        }
        return new Consistency(from, upTo, auditLog.treeHead(upTo).orElse(null),
                auditLog.consistencyProof(from, upTo));
    }

    @GetMapping("/api/audit/breaks")
    public List<AuditBreaks.Report> breaks() {
        return breaks.all();
    }

    @GetMapping("/api/admin/audit/breaks")
    public List<AuditBreaks.Report> breaksForAdministrators() {
        return breaks.all();
    }

    /** What a checkpoint run did: commits taken into the log, the tree head signed, breaks reported so far. */
    public record CheckpointRun(int takenIn, TreeHead treeHead, long breaks, String logProblem) {
    }

    /** Takes every stored commit into the log and signs a tree head now: linear in the commits since the last run. */
    @PostMapping("/api/admin/audit/checkpoints")
    public CheckpointRun checkpoints() {
        int taken = auditLog.takeIn();
        TreeHead head = auditLog.signTreeHead().orElse(null);
        return new CheckpointRun(taken, head, breaks.all().stream().filter(r -> !r.acknowledged()).count(),
                breaks.logProblem());
    }

    /** Why an administrator acknowledges a break. */
    public record Acknowledgement(String reason) {
    }

    /**
     * An administrator has looked at a reported break: the service signs the trajectory's new commits again. The
     * break stays in every verification; the acknowledgement (who, when, why) is kept, signed, with the report.
     */
    @PostMapping("/api/admin/audit/breaks/{id}/acknowledgement")
    public AuditBreaks.Report acknowledge(@PathVariable String id, @RequestBody Acknowledgement body,
            HttpServletRequest request) {
        // the id as the break report holds it: a commit forged under an id that is no trajectory's ("junk") was
        // reported, and could never be acknowledged, so the log's health stayed DEGRADED for good
        String reason = Require.text("reason", body == null ? null : body.reason(), 2000);
        return breaks.acknowledge(id, actors.actorOf(request).principal(), reason)
                .orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                        "No reported break for trajectory " + id));
    }

}
