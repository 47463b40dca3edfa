package nl.trajectorytracker.infra.audit.verification;

/**
 * The outcome of recomputing one trajectory's hash chain.
 *
 * @param status         {@code OK}, or {@code BROKEN} with the first break
 * @param eventsChecked  events read from the store (or bundle)
 * @param headSequence   sequence of the last event that verified, {@code null} when none did
 * @param headHash       link of that event
 * @param checkpoint     the latest signed checkpoint used, {@code null} when there is none
 * @param checkpointKey  whether the checkpoint's signature was checked against a key
 * @param unsignedEvents verified events after the signed head (appended since, or not yet signed)
 * @param firstBreak     where and why the chain breaks, {@code null} when OK
 */
public record Verification(String trajectoryId, Status status, int eventsChecked, Long headSequence,
        String headHash, Checkpoint checkpoint, CheckpointSignature checkpointKey, long unsignedEvents,
        Break firstBreak) {

    public enum Status { OK, BROKEN }

    public enum CheckpointSignature { NO_CHECKPOINT, VALID, NOT_CHECKED }

    /** The five tamperings, and a checkpoint that is not what the key signed. */
    public enum Kind {
        /** An event's stored link differs from the one recomputed from its stored fields. */
        PAYLOAD_CHANGED,
        /** A sequence number is missing from the trajectory. */
        EVENT_MISSING,
        /** Sequence numbers appear out of order in the store. */
        ORDER_CHANGED,
        /** The store ends before, or differs at, the head that the last checkpoint signed. */
        TAIL_TRUNCATED,
        /** An event that does not fit the chain: a second event with a sequence, or a link to nothing. */
        FORGED_EVENT,
        /** The checkpoint's signature does not verify, or it belongs to another trajectory. */
        CHECKPOINT_INVALID
    }

    /**
     * @param sequence       the sequence number at which the chain breaks
     * @param globalPosition the global position of the stored event found there, {@code null} when none is
     */
    public record Break(Kind kind, Long sequence, Long globalPosition, String reason) {
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** One line for people: OK with the head, or the first break. */
    public String summary() {
        if (ok()) {
            String signed = checkpoint == null ? "no signed checkpoint"
                    : "signed checkpoint at sequence " + checkpoint.lastSequence() + " of " + checkpoint.signedAt()
                            + (checkpointKey == CheckpointSignature.VALID ? " (signature valid)"
                                    : " (signature NOT checked: no public key)");
            return "OK: trajectory " + trajectoryId + ", " + eventsChecked + " events, head sequence "
                    + headSequence + " " + headHash + "; " + signed
                    + (unsignedEvents > 0 ? "; " + unsignedEvents + " event(s) after the signed head" : "");
        }
        return "BROKEN: trajectory " + trajectoryId + " at sequence " + firstBreak.sequence()
                + (firstBreak.globalPosition() == null ? "" : " (global position " + firstBreak.globalPosition() + ")")
                + ": " + firstBreak.kind() + " - " + firstBreak.reason();
    }
}
