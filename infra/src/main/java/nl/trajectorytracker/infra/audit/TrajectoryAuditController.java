package nl.trajectorytracker.infra.audit;



import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.infra.audit.verification.Verification;

/**
 * The audit reads of one trajectory: {@code verify}, {@code history} and {@code export}. Auditors read every
 * trajectory; a negotiator only those of their organisation (decided before these handlers, by
 * {@code infra.security.TrajectoryPartiesGate}), any other id answers 404 like an unknown one.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class TrajectoryAuditController {

    private final AuditTrail trail;

    public TrajectoryAuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** OK, or the first broken position and why; always 200 when the trajectory is readable. */
    @GetMapping("/verify")
    public Verification verify(@PathVariable String id) {
        return trail.verify(readable(id));
    }

    /**
     * A page of the history, paged as every list of the API is: {@code page} (from 0) and {@code size} (events a
     * page holds). A trajectory's sequence numbers run from 0 without gaps, so page {@code n} starts at sequence
     * {@code n * size}. {@code fromSequence} and {@code limit} name the same window directly; they remain for callers
     * that used them before, and {@code page} and {@code size} win when both are given.
     */
    @GetMapping("/history")
    public AuditTrail.History history(@PathVariable String id,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(defaultValue = "0") long fromSequence,
            @RequestParam(defaultValue = "" + AuditTrail.MAX_HISTORY_EVENTS) int limit) {
        if (page != null || size != null) {
            int pageSize = size == null ? AuditTrail.MAX_HISTORY_EVENTS : size;
            if (pageSize < 1 || pageSize > AuditTrail.MAX_HISTORY_EVENTS) {
                throw new InvalidValueException("size", "must be between 1 and " + AuditTrail.MAX_HISTORY_EVENTS);
            }
            int pageNumber = page == null ? 0 : page;
            if (pageNumber < 0) {
                throw new InvalidValueException("page", "must be 0 or more");
            }
            return trail.history(readable(id), (long) pageNumber * pageSize, pageSize);
        }
        if (fromSequence < 0) {
            throw new InvalidValueException("fromSequence", "must be 0 or more");
        }
        if (limit < 1 || limit > AuditTrail.MAX_HISTORY_EVENTS) {
            throw new InvalidValueException("limit", "must be between 1 and " + AuditTrail.MAX_HISTORY_EVENTS);
        }
        return trail.history(readable(id), fromSequence, limit);
    }

    /**
     * The bundle for {@code java -jar infra.jar --verify-bundle=<file>}; with {@code consistencyFrom}, the size of a
     * tree head the auditor kept, it carries the consistency proof from that head to the bundle's.
     */
    @GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> export(@PathVariable String id,
            @RequestParam(required = false) Long consistencyFrom) {
        String trajectoryId = readable(id);
        if (consistencyFrom != null && consistencyFrom < 1) {
            throw new InvalidValueException("consistencyFrom", "must be 1 or more");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"trajectory-" + trajectoryId
                        + "-audit-bundle.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(trail.export(trajectoryId, consistencyFrom).toJson());
    }

    /**
     * The trajectory id when it was ever recorded; 404 otherwise. Whether a negotiator's organisation is among its
     * parties was decided before this handler, from the trajectory's first stored event
     * ({@code infra.security.TrajectoryPartiesGate}): reading that event again here, and then the overview's copy of
     * the parties when it could not be read, was a second look-up per request and the read-model trust the gate
     * removed.
     */
    private String readable(String id) {
        String trajectoryId = TrajectoryIds.fromPath(id).value();
        if (!trail.exists(trajectoryId)) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id);
        }
        return trajectoryId;
    }
}
