package nl.trajectorytracker.infra.audit.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.infra.audit.verification.Verification.Kind;

/** The pure verifier: a consistent chain verifies, and each way of tampering is found and located. */
class ChainVerifierTest {

    private static final String ID = "trajectory-1";
    private static final KeyPair KEYS = keys();

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chain of events with sequences 0..count-1, one per commit at positions 1, 2, 3... */
    private static List<ChainEvent> chain(int count) {
        List<ChainEvent> events = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int sequence = 0; sequence < count; sequence++) {
            ChainEvent unlinked = event(sequence + 1, sequence, "{\"step\": " + sequence + "}", prev, null);
            String hash = unlinked.expectedHash(prev);
            events.add(event(sequence + 1, sequence, unlinked.payload(), prev, hash));
            prev = hash;
        }
        return events;
    }

    private static ChainEvent event(long commit, long sequence, String payload, String prev, String hash) {
        return new ChainEvent(commit, 0, ID, "Trajectory", sequence, "event-" + sequence + "-" + payload.hashCode(),
                "2026-03-01T12:00:0" + (sequence % 10) + "Z", "nl.trajectorytracker.api.events.Step", "1", payload,
                "{\"correlationId\": \"c\"}", prev, hash);
    }

    private static Checkpoint signedHead(List<ChainEvent> events, int sequence) {
        ChainEvent head = events.get(sequence);
        String content = Checkpoint.content(ID, sequence, head.hash(), "2026-03-02T00:00:00Z");
        return new Checkpoint(ID, sequence, head.hash(), "2026-03-02T00:00:00Z",
                Signatures.sign(KEYS.getPrivate(), content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Verification verify(List<ChainEvent> events, Checkpoint checkpoint) {
        return ChainVerifier.verify(ID, events, checkpoint, KEYS.getPublic());
    }

    @Test
    void anUntouchedChain_verifies_upToTheSignedHead() {
        List<ChainEvent> events = chain(6);

        Verification verification = verify(events, signedHead(events, 4));

        assertThat(verification.ok()).as(verification.summary()).isTrue();
        assertThat(verification.headSequence()).isEqualTo(5L);
        assertThat(verification.unsignedEvents()).isEqualTo(1);
        assertThat(verification.checkpointKey()).isEqualTo(Verification.CheckpointSignature.VALID);
    }

    @Test
    void aChangedPayload_isFoundAtItsSequence() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        ChainEvent original = events.get(3);
        events.set(3, event(original.commitPosition(), 3, "{\"step\": 99}", original.prev(), original.hash()));

        Verification verification = verify(events, checkpoint);

        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.PAYLOAD_CHANGED);
        assertThat(verification.firstBreak().sequence()).isEqualTo(3L);
        assertThat(verification.firstBreak().globalPosition()).isEqualTo(4L * 1024);
        assertThat(verification.headSequence()).isEqualTo(2L);
    }

    @Test
    void aMissingEvent_isFoundAtTheMissingSequence() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        events.remove(2);

        Verification verification = verify(events, checkpoint);

        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(verification.firstBreak().sequence()).isEqualTo(2L);
    }

    @Test
    void swappedEvents_areReportedAsOrderChanged() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        ChainEvent third = events.get(2);
        events.set(2, events.get(3));
        events.set(3, third);

        Verification verification = verify(events, checkpoint);

        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.ORDER_CHANGED);
        assertThat(verification.firstBreak().sequence()).isEqualTo(3L);
    }

    @Test
    void aTruncatedTail_isFoundAgainstTheCheckpoint() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        events.remove(5);
        events.remove(4);

        Verification verification = verify(events, checkpoint);

        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.TAIL_TRUNCATED);
        assertThat(verification.firstBreak().sequence()).isEqualTo(4L);
    }

    @Test
    void aRewrittenHistory_differsFromTheSignedHead() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        // the whole chain recomputed over a changed event: consistent in itself, but not what was signed
        List<ChainEvent> rewritten = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (ChainEvent event : events) {
            String payload = event.sequence() == 1 ? "{\"step\": 42}" : event.payload();
            ChainEvent unlinked = event(event.commitPosition(), event.sequence(), payload, prev, null);
            String hash = unlinked.expectedHash(prev);
            rewritten.add(event(event.commitPosition(), event.sequence(), payload, prev, hash));
            prev = hash;
        }

        Verification verification = verify(rewritten, checkpoint);

        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.TAIL_TRUNCATED);
        assertThat(verification.firstBreak().sequence()).isEqualTo(5L);
    }

    @Test
    void aForgedEvent_afterTheSignedHead_orWithADuplicateSequence_isFound() {
        List<ChainEvent> events = chain(6);
        Checkpoint checkpoint = signedHead(events, 5);
        List<ChainEvent> appended = new ArrayList<>(events);
        appended.add(event(7, 6, "{\"step\": \"forged\"}", events.get(5).hash(), "ab".repeat(32)));
        List<ChainEvent> inserted = new ArrayList<>(events);
        inserted.add(3, event(9, 2, "{\"step\": \"forged\"}", events.get(1).hash(), "cd".repeat(32)));

        Verification afterHead = verify(appended, checkpoint);
        Verification duplicate = verify(inserted, checkpoint);

        assertThat(afterHead.firstBreak().kind()).isEqualTo(Kind.FORGED_EVENT);
        assertThat(afterHead.firstBreak().sequence()).isEqualTo(6L);
        assertThat(duplicate.firstBreak().kind()).isEqualTo(Kind.FORGED_EVENT);
        assertThat(duplicate.firstBreak().sequence()).isEqualTo(2L);
        assertThat(duplicate.firstBreak().globalPosition()).isEqualTo(9L * 1024);
    }

    @Test
    void aCheckpointWithAForeignSignature_isRefused() {
        List<ChainEvent> events = chain(3);
        Checkpoint genuine = signedHead(events, 2);
        Checkpoint forged = new Checkpoint(ID, 2, genuine.lastHash(), genuine.signedAt(),
                Signatures.sign(keys().getPrivate(), genuine.signedContent().getBytes(StandardCharsets.UTF_8)));

        assertThat(verify(events, forged).firstBreak().kind()).isEqualTo(Kind.CHECKPOINT_INVALID);
    }

    @Test
    void canonicalJson_followsRfc8785_forFlatObjects() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("b", "line\nbreak \"quoted\" \\ \u0001 é €");
        members.put("a", 42L);
        members.put("\u00e9", null);
        members.put("A", -7);

        assertThat(CanonicalJson.of(members))
                .isEqualTo("{\"A\":-7,\"a\":42,\"b\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001 é €\",\"é\":null}");
    }
}
