package nl.trajectorytracker.infra.audit.verification;

/**
 * The outcome of verifying one trajectory's stored events against its commits' signatures and the audit log.
 *
 * @param status         {@code OK}; {@code BROKEN} with the first break; {@code UNVERIFIED} when nothing the
 *                       service signed or logged vouches for the events (they are only consistent with each other)
 * @param eventsChecked  events read from the store (or bundle)
 * @param headSequence   sequence of the last event that verified, {@code null} when none did
 * @param headHash       link of that event
 * @param signatures     whether the commits' signatures were checked, and how they held
 * @param treeHead       the signed tree head the log entries were proven against, {@code null} when none
 * @param unsignedEvents verified events that no signed tree head covers yet (appended since), or that the service
 *                       wrote without signing because the trajectory had a reported break
 * @param firstBreak     the earliest break by sequence, {@code null} when there is none
 * @param breaks         how many breaks were found in all
 */
public record Verification(String trajectoryId, Status status, int eventsChecked, Long headSequence,
        String headHash, SignatureStatus signatures, TreeHead treeHead, long unsignedEvents, Break firstBreak,
        int breaks) {

    public enum Status { OK, BROKEN, UNVERIFIED }

    /** The commits' signatures: all valid, one or more invalid, not checked (no key), or none to check. */
    public enum SignatureStatus { VALID, INVALID, NOT_CHECKED, NONE }

    /** What was done to the stored record, as far as the verifier can tell. */
    public enum Kind {
        /** An event's content differs from what was signed and logged (whether or not its links were redone). */
        PAYLOAD_CHANGED,
        /** A sequence number that was logged, or that the later events link to, is not stored. */
        EVENT_MISSING,
        /** Events are stored at other positions, or with other sequence numbers, than they were logged with. */
        ORDER_CHANGED,
        /** The store ends before the head the log holds for the trajectory. */
        TAIL_TRUNCATED,
        /** A commit the service did not sign (or not validly) stands where a logged one was, or extends the chain. */
        FORGED_EVENT,
        /** A commit's signature does not verify, though its events are as logged. */
        SIGNATURE_INVALID,
        /** The audit log itself does not hold together: an entry without a valid proof, or a log that differs from a
         * tree head witnessed before. */
        LOG_INCONSISTENT
    }

    /**
     * @param sequence       the sequence number at which the record breaks, {@code null} when not about one event
     * @param globalPosition the global position concerned, {@code null} when there is none
     */
    public record Break(Kind kind, Long sequence, Long globalPosition, String reason) {
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** One line for people: OK with the head, UNVERIFIED, or the first break. */
    public String summary() {
        String head = ", " + eventsChecked + " events, head sequence " + headSequence + " " + headHash;
        if (status == Status.OK) {
            String logged = treeHead == null ? "in no signed tree head yet"
                    : "logged in the tree head of size " + treeHead.treeSize() + " of " + treeHead.timestamp();
            String signed = switch (signatures) {
                case VALID -> "every commit's signature valid";
                case NOT_CHECKED -> "signatures NOT checked: no public key";
                default -> "no commit signatures";
            };
            return "OK: trajectory " + trajectoryId + head + "; " + signed + "; " + logged
                    + (unsignedEvents > 0 ? "; " + unsignedEvents + " event(s) not yet in a signed tree head" : "");
        }
        if (status == Status.UNVERIFIED) {
            return "UNVERIFIED: trajectory " + trajectoryId + head + "; nothing the service signed or logged vouches"
                    + " for these events, they are only consistent with each other";
        }
        return "BROKEN: trajectory " + trajectoryId
                + (firstBreak.sequence() == null ? "" : " at sequence " + firstBreak.sequence())
                + (firstBreak.globalPosition() == null ? "" : " (global position " + firstBreak.globalPosition() + ")")
                + ": " + firstBreak.kind() + " - " + firstBreak.reason()
                + (breaks > 1 ? " (" + (breaks - 1) + " more break(s) after it)" : "");
    }
}
