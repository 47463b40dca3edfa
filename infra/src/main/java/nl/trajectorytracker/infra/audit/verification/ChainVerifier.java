package nl.trajectorytracker.infra.audit.verification;

import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.CheckpointSignature;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.audit.verification.Verification.Status;

/**
 * Recomputes the hash chain of one trajectory from its stored events and checks it against the latest signed
 * checkpoint. Pure: no server, no database; the service and the offline command use the same code.
 *
 * <p>Events are given in stored order (commit position, then index in the commit). Walking them, the verifier
 * expects sequence 0, 1, 2... each with {@code prev} equal to the previous link and {@code hash} equal to the link
 * recomputed from the stored fields ({@link ChainEvent#canonicalForm()}, {@link ChainHash}). The first deviation is
 * reported:
 * <ul>
 * <li>a sequence number seen before, or an event id seen before: {@link Kind#FORGED_EVENT};</li>
 * <li>a higher sequence than expected while the expected one is stored later: {@link Kind#ORDER_CHANGED};
 * while it is stored nowhere: {@link Kind#EVENT_MISSING} (or {@link Kind#FORGED_EVENT} when the gap lies after the
 * signed head, i.e. events appear beyond the checkpoint without a chain to it);</li>
 * <li>a {@code prev} that is not the previous link: {@link Kind#FORGED_EVENT} (the event was made to link to
 * something else);</li>
 * <li>a {@code hash} that differs from the recomputed one: {@link Kind#PAYLOAD_CHANGED} within the signed range,
 * {@link Kind#FORGED_EVENT} after it;</li>
 * <li>the event at the checkpoint's sequence with another link than the signed one, or the store ending before
 * it: {@link Kind#TAIL_TRUNCATED};</li>
 * <li>a checkpoint whose signature does not verify with the given key: {@link Kind#CHECKPOINT_INVALID}.</li>
 * </ul>
 * Without a checkpoint, the chain only shows that the events are consistent with each other: someone who can write
 * the store could recompute every link. The signed checkpoint is what pins the head.
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * @param events     the trajectory's stored events in stored order
     * @param checkpoint the latest signed checkpoint, or {@code null}
     * @param publicKey  the key to check the checkpoint with, or {@code null} to leave the signature unchecked
     */
    public static Verification verify(String trajectoryId, List<ChainEvent> events, Checkpoint checkpoint,
            PublicKey publicKey) {
        CheckpointSignature signature = CheckpointSignature.NO_CHECKPOINT;
        if (checkpoint != null) {
            if (!trajectoryId.equals(checkpoint.trajectoryId())) {
                return broken(trajectoryId, events, null, null, checkpoint, CheckpointSignature.NOT_CHECKED,
                        new Break(Kind.CHECKPOINT_INVALID, checkpoint.lastSequence(), null,
                                "the checkpoint belongs to trajectory " + checkpoint.trajectoryId()));
            }
            if (publicKey == null) {
                signature = CheckpointSignature.NOT_CHECKED;
            } else if (checkpoint.signatureValid(publicKey)) {
                signature = CheckpointSignature.VALID;
            } else {
                return broken(trajectoryId, events, null, null, checkpoint, CheckpointSignature.NOT_CHECKED,
                        new Break(Kind.CHECKPOINT_INVALID, checkpoint.lastSequence(), null,
                                "the checkpoint's signature does not verify with the public key"));
            }
        }
        long signedHead = checkpoint == null ? -1 : checkpoint.lastSequence();
        Set<Long> storedSequences = new HashSet<>();
        events.forEach(event -> storedSequences.add(event.sequence()));
        Set<String> eventIds = new HashSet<>();
        long expected = 0;
        String prev = ChainHash.GENESIS;
        Long headSequence = null;
        String headHash = null;
        for (ChainEvent event : events) {
            long sequence = event.sequence();
            Long position = event.globalPosition();
            boolean afterSignedHead = checkpoint != null && sequence > signedHead;
            Break found = null;
            if (!trajectoryId.equals(event.aggregateId())) {
                found = new Break(Kind.FORGED_EVENT, sequence, position,
                        "the event belongs to aggregate " + event.aggregateId());
            } else if (!eventIds.add(String.valueOf(event.eventId()))) {
                found = new Break(Kind.FORGED_EVENT, sequence, position,
                        "event id " + event.eventId() + " is stored twice");
            } else if (sequence < expected) {
                found = new Break(Kind.FORGED_EVENT, sequence, position,
                        "a second event with sequence " + sequence + " (expected " + expected + ")");
            } else if (sequence > expected) {
                if (storedSequences.contains(expected)) {
                    found = new Break(Kind.ORDER_CHANGED, sequence, position, "sequence " + sequence
                            + " is stored where " + expected + " should be; " + expected + " is stored later");
                } else if (checkpoint != null && expected > signedHead) {
                    found = new Break(Kind.FORGED_EVENT, sequence, position, "sequence " + sequence
                            + " appears after the signed head " + signedHead + " without the events between");
                } else {
                    found = new Break(Kind.EVENT_MISSING, expected, position, "sequence " + expected
                            + " is missing; the next stored event has sequence " + sequence);
                }
            } else if (!prev.equals(event.prev())) {
                found = new Break(Kind.FORGED_EVENT, sequence, position,
                        "its prev " + event.prev() + " is not the link of sequence " + (sequence - 1) + " " + prev);
            } else if (!event.expectedHash(prev).equals(event.hash())) {
                found = new Break(afterSignedHead ? Kind.FORGED_EVENT : Kind.PAYLOAD_CHANGED, sequence, position,
                        "the stored link " + event.hash() + " differs from the one recomputed from the stored event "
                                + event.expectedHash(prev)
                                + (afterSignedHead ? " (after the signed head " + signedHead + ")" : ""));
            } else if (sequence == signedHead && !event.hash().equals(checkpoint.lastHash())) {
                found = new Break(Kind.TAIL_TRUNCATED, sequence, position, "the signed head of "
                        + checkpoint.signedAt() + " has link " + checkpoint.lastHash() + ", the store has "
                        + event.hash() + ": the history up to it was rewritten");
            }
            if (found != null) {
                return broken(trajectoryId, events, headSequence, headHash, checkpoint, signature, found);
            }
            prev = event.hash();
            headSequence = sequence;
            headHash = prev;
            expected++;
        }
        if (checkpoint != null && expected - 1 < signedHead) {
            return broken(trajectoryId, events, headSequence, headHash, checkpoint, signature,
                    new Break(Kind.TAIL_TRUNCATED, expected, null, "the checkpoint of " + checkpoint.signedAt()
                            + " signed the head at sequence " + signedHead + ", the store ends at "
                            + (expected - 1)));
        }
        long unsigned = checkpoint == null ? expected : expected - 1 - signedHead;
        return new Verification(trajectoryId, Status.OK, events.size(), headSequence, headHash, checkpoint,
                signature, unsigned, null);
    }

    private static Verification broken(String trajectoryId, List<ChainEvent> events, Long headSequence,
            String headHash, Checkpoint checkpoint, CheckpointSignature signature, Break found) {
        return new Verification(trajectoryId, Status.BROKEN, events.size(), headSequence, headHash, checkpoint,
                signature, 0, found);
    }
}
