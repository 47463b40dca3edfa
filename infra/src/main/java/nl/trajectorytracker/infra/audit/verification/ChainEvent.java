package nl.trajectorytracker.infra.audit.verification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored event as the hash chain sees it: the fields exactly as stored (payload and metadata as the stored JSON
 * strings, so crypto-shredding never changes them) and its place in the chain.
 *
 * @param commitPosition the global position ({@code _id}) of the commit document that holds the event
 * @param index          the event's index within that commit
 * @param prev           the stored link of the previous event of the trajectory ({@link ChainHash#GENESIS} first)
 * @param hash           the stored link of this event
 */
public record ChainEvent(long commitPosition, int index, String aggregateId, String aggregateType, long sequence,
        String eventId, String timestamp, String payloadType, String revision, String payload, String metaData,
        String prev, String hash) {

    /** Positions of the events of one commit: {@code commitPosition * 1024 + index} (as tracking tokens count). */
    public static final int EVENTS_PER_COMMIT = 1024;

    public long globalPosition() {
        return commitPosition * EVENTS_PER_COMMIT + index;
    }

    /**
     * The canonical form the link is computed over: an RFC 8785 object of the stored fields (names below), without
     * {@code prev} and {@code hash}.
     */
    public String canonicalForm() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("aggregateId", aggregateId);
        members.put("aggregateType", aggregateType);
        members.put("sequence", sequence);
        members.put("eventId", eventId);
        members.put("timestamp", timestamp);
        members.put("payloadType", payloadType);
        members.put("payloadRevision", revision);
        members.put("payload", payload);
        members.put("metaData", metaData);
        return CanonicalJson.of(members);
    }

    /** The link this event should carry after the given previous link. */
    public String expectedHash(String previous) {
        return ChainHash.link(canonicalForm(), previous);
    }
}
