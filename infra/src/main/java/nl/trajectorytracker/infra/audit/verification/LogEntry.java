package nl.trajectorytracker.infra.audit.verification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One leaf of the audit log: what the event store held at one global position when the log took it in, and the
 * log's verdict on it. The log takes in every position in order, so the leaf at index {@code i} describes the commit
 * at position {@code i + 1}.
 *
 * @param position     the commit's global position
 * @param key          the commit's unique key ({@code <trajectory>#<first sequence>}), {@code null} when missing
 * @param trajectoryId the trajectory, {@code null} for events of no trajectory or a missing commit
 * @param lastHash     the last link of the commit ({@link CommitSeal#lastHash()})
 * @param signature    the commit's stored signature, {@code null} when it had none
 * @param verdict      {@link Verdict#OK}, or what was wrong with the commit when it was taken in
 * @param reason       why, for people; {@code null} when OK
 */
public record LogEntry(long position, String key, String trajectoryId, Long first, Long last, List<String> eventIds,
        String lastHash, String signature, Verdict verdict, String reason) {

    /** The log's judgement of a commit when it took it in. */
    public enum Verdict {
        /** Signed by the service and extending the trajectory's logged head. */
        OK,
        /** Stored before commits were signed, taken in when the log began; consistent with its trajectory then. */
        ADOPTED,
        /** No commit at this position, though later positions were taken. */
        MISSING,
        /** Not signed by the service (or not validly), or not linked to the trajectory's logged head. */
        FORGED_EVENT,
        /** A sequence the log holds already for this trajectory: the store was cut back and written again. */
        TAIL_TRUNCATED,
        /** Sequences between the logged head and this commit were never logged: they were removed before. */
        EVENT_MISSING,
        /** A link that does not recompute from the stored event. */
        PAYLOAD_CHANGED,
        /** The trajectory had a reported break: the service wrote this commit, but does not vouch for its link. */
        WRITTEN_OVER_BREAK
    }

    public LogEntry {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    public long index() {
        return position - 1;
    }

    /** The leaf's bytes: the UTF-8 of its RFC 8785 form. */
    public byte[] leaf() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "commit-log-entry");
        members.put("position", position);
        members.put("key", key);
        members.put("trajectoryId", trajectoryId);
        members.put("first", first);
        members.put("last", last);
        members.put("eventIds", eventIds);
        members.put("lastHash", lastHash);
        members.put("signature", signature);
        members.put("verdict", verdict.name());
        members.put("reason", reason);
        return CanonicalJson.of(members).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] leafHash() {
        return MerkleTree.leafHash(leaf());
    }

    public boolean trusted() {
        return verdict == Verdict.OK || verdict == Verdict.ADOPTED;
    }
}
