package nl.trajectorytracker.infra.audit.verification;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service signs for every commit it appends: "trajectory {@code trajectoryId} holds, from sequence
 * {@code first} to {@code last}, the events {@code eventIds}, ending in link {@code lastHash}". The last link covers
 * every event of the commit and, through {@code prev}, every event before it, so the signature pins the whole
 * trajectory up to this commit. The commit's global position is left out: it is claimed by the insert, after
 * signing. Ed25519 over the UTF-8 of the RFC 8785 object below, base64; stored in the commit as {@code sig}.
 *
 * <p>{@code vouched}: whether the service vouches for what the commit links to. It does not when the trajectory had
 * a reported break (its record below was changed): the commit is still the service's (signed, so nobody else can
 * pass a commit off as one written over a break), but its signature does not launder the chain it extends. Stored
 * as {@code vouched: false} in the commit; absent means vouched.
 */
public record CommitSeal(String key, String trajectoryId, Long first, Long last, List<String> eventIds,
        String lastHash, boolean vouched) {

    public CommitSeal {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    public String content() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", vouched ? "trajectory-commit" : "trajectory-commit-over-a-break");
        members.put("key", key);
        members.put("trajectoryId", trajectoryId);
        members.put("first", first);
        members.put("last", last);
        members.put("eventIds", eventIds);
        members.put("lastHash", lastHash);
        return CanonicalJson.of(members);
    }

    public String sign(PrivateKey key) {
        return Signatures.sign(key, content().getBytes(StandardCharsets.UTF_8));
    }

    public boolean verifies(PublicKey key, String signature) {
        return signature != null && Signatures.verify(key, content().getBytes(StandardCharsets.UTF_8), signature);
    }

    /** The seal of a stored commit, from its stored fields. */
    public static CommitSeal of(StoredCommit commit) {
        List<StoredCommit.StoredEvent> events = commit.events();
        String lastHash = commit.agg() == null ? ChainHash.contentHash(StoredCommit.chainEvents(List.of(commit)))
                : events.isEmpty() ? null : events.get(events.size() - 1).hash();
        return new CommitSeal(commit.key(), commit.agg(), commit.first(), commit.last(),
                events.stream().map(StoredCommit.StoredEvent::id).toList(), lastHash, commit.vouchesForLink());
    }
}
