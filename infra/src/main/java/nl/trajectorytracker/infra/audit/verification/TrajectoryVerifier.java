package nl.trajectorytracker.infra.audit.verification;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import nl.trajectorytracker.infra.audit.verification.LogEntry.Verdict;
import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.audit.verification.Verification.SignatureStatus;
import nl.trajectorytracker.infra.audit.verification.Verification.Status;

/**
 * Verifies one trajectory: its stored commits against the entries the audit log holds for it and against the
 * service's signature on every commit. Pure (no server, no database): the service and the offline command run the
 * same code, the service with entries it checked against its log, the offline command with entries it checked
 * against a signed tree head through their inclusion proofs.
 *
 * <p>The log is the authority for everything it has taken in: for each of the trajectory's entries the commit must
 * still be stored at that position with the same key, sequences, event ids and last link, every link recomputing from
 * the stored events, and the entries must follow on from each other without a gap in the sequence. Commits after the
 * log's size must extend the logged chain and carry a valid signature.
 * Every deviation is a {@link Break}; the earliest by sequence is reported first. Cost: linear in the trajectory's
 * own events.
 */
public final class TrajectoryVerifier {

    private TrajectoryVerifier() {
    }

    /**
     * @param commits     the trajectory's stored commits: those its keys lead to and those at its logged positions
     * @param entries     the log's entries for the trajectory, each already proven to be in the log
     * @param logSize     how many positions the log has taken in (its entries cover positions up to this)
     * @param treeHead    the signed tree head the entries were proven against, or {@code null}
     * @param logBreaks   what is known to be wrong with the log itself, reported as breaks
     * @param publicKey   the key that checks signatures, or {@code null} to leave them unchecked
     */
    public static Verification verify(String trajectoryId, List<StoredCommit> commits, List<LogEntry> entries,
            long logSize, TreeHead treeHead, List<Break> logBreaks, PublicKey publicKey) {
        return verify(trajectoryId, commits, entries, logSize, treeHead, logBreaks, publicKey, null);
    }

    /**
     * Verifies a stretch of the trajectory (a page of its history) that starts after {@code before}: the entry of the
     * commit just before the stretch, {@code null} when the stretch starts at sequence 0.
     */
    public static Verification verify(String trajectoryId, List<StoredCommit> commits, List<LogEntry> entries,
            long logSize, TreeHead treeHead, List<Break> logBreaks, PublicKey publicKey, LogEntry before) {
        Map<Long, StoredCommit> byPosition = new TreeMap<>();
        for (StoredCommit commit : commits) {
            byPosition.putIfAbsent(commit.position(), commit);
        }
        List<LogEntry> logged = entries.stream().sorted(Comparator.comparingLong(LogEntry::position)).toList();
        Map<String, LogEntry> entryOfEvent = new HashMap<>();
        for (LogEntry entry : logged) {
            entry.eventIds().forEach(id -> entryOfEvent.put(id, entry));
        }
        Check check = new Check(trajectoryId, publicKey);
        check.breaks.addAll(logBreaks);
        if (before != null) {
            check.advance(before.last(), before.lastHash());
        }
        Set<Long> matched = new HashSet<>();
        for (int i = 0; i < logged.size(); i++) {
            LogEntry entry = logged.get(i);
            if (!entry.trusted() && entry.verdict() != Verdict.WRITTEN_OVER_BREAK) {
                check.add(kindOf(entry.verdict()), entry.first(), entry.position(),
                        "when the audit log took it in: " + entry.reason());
            }
            if (entry.first() != null && entry.first() > check.expected) {
                // proven entries of the log, but not all of them: a bundle with a stretch cut out of the middle
                check.add(Kind.EVENT_MISSING, check.expected, entry.position(), "sequence " + check.expected
                        + (entry.first() - 1 > check.expected ? ".." + (entry.first() - 1) : "")
                        + " is in no entry of the log given; the entries go on at sequence " + entry.first());
            }
            StoredCommit stored = byPosition.get(entry.position());
            if (stored == null || !trajectoryId.equals(stored.agg())) {
                missing(check, entry, logged.subList(i + 1, logged.size()), byPosition, commits);
            } else {
                matched.add(stored.position());
                compare(check, entry, stored, entryOfEvent);
            }
            check.advance(entry.last(), entry.lastHash());
            if (entry.verdict() == Verdict.WRITTEN_OVER_BREAK) {
                check.unsigned += entry.eventIds().size();
            }
        }
        for (StoredCommit stored : byPosition.values()) {
            if (matched.contains(stored.position()) || !trajectoryId.equals(stored.agg())) {
                continue;
            }
            if (stored.position() <= logSize) {
                LogEntry elsewhere = stored.events().stream().map(event -> entryOfEvent.get(event.id()))
                        .filter(Objects::nonNull).findFirst().orElse(null);
                if (elsewhere != null) {
                    check.add(Kind.ORDER_CHANGED, stored.first(), stored.position(), "sequence " + range(stored)
                            + " is stored at position " + stored.position() + "; the log took it in at position "
                            + elsewhere.position());
                } else {
                    check.add(Kind.FORGED_EVENT, stored.first(), stored.position(), "position "
                            + stored.position() + " holds a commit that the audit log did not take in there");
                }
            } else {
                pending(check, stored);
            }
        }
        check.eventsChecked = byPosition.values().stream().filter(c -> trajectoryId.equals(c.agg()))
                .mapToInt(c -> c.events().size()).sum();
        return check.result(logged, treeHead);
    }

    private static void missing(Check check, LogEntry entry, List<LogEntry> later, Map<Long, StoredCommit> byPosition,
            List<StoredCommit> commits) {
        StoredCommit moved = commits.stream().filter(c -> Objects.equals(c.key(), entry.key())
                && c.position() != entry.position() && c.events().stream().map(StoredCommit.StoredEvent::id)
                        .toList().equals(entry.eventIds())).findFirst().orElse(null);
        if (moved != null) {
            check.add(Kind.ORDER_CHANGED, entry.first(), entry.position(), "sequence " + range(entry)
                    + " was logged at position " + entry.position() + " and is stored at position "
                    + moved.position());
            return;
        }
        boolean laterStored = later.stream().filter(next -> next.first() != null && entry.last() != null
                && next.first() > entry.last()).anyMatch(next -> {
            StoredCommit stored = byPosition.get(next.position());
            return stored != null && Objects.equals(stored.agg(), entry.trajectoryId());
        });
        if (laterStored) {
            check.add(Kind.EVENT_MISSING, entry.first(), entry.position(), "sequence " + range(entry)
                    + ", logged at position " + entry.position() + ", is not stored; later events are");
        } else {
            LogEntry head = later.isEmpty() ? entry : later.get(later.size() - 1);
            check.add(Kind.TAIL_TRUNCATED, entry.first(), entry.position(), "the audit log holds the trajectory"
                    + " up to sequence " + head.last() + "; the store ends before sequence " + entry.first());
        }
    }

    private static void compare(Check check, LogEntry entry, StoredCommit stored, Map<String, LogEntry> entryOfEvent) {
        List<String> storedIds = stored.events().stream().map(StoredCommit.StoredEvent::id).toList();
        if (!Objects.equals(stored.key(), entry.key()) || !Objects.equals(stored.first(), entry.first())
                || !Objects.equals(stored.last(), entry.last()) || !storedIds.equals(entry.eventIds())) {
            LogEntry elsewhere = storedIds.stream().map(entryOfEvent::get).filter(Objects::nonNull)
                    .filter(other -> other != entry).findFirst().orElse(null);
            if (elsewhere != null || storedIds.stream().anyMatch(entry.eventIds()::contains)) {
                check.add(Kind.ORDER_CHANGED, entry.first(), entry.position(), "position " + entry.position()
                        + " was logged with sequence " + range(entry) + " and holds sequence " + range(stored)
                        + (elsewhere == null ? "" : ", which the log took in at position " + elsewhere.position()));
            } else {
                check.add(Kind.FORGED_EVENT, entry.first(), entry.position(), "position " + entry.position()
                        + " was logged with events " + entry.eventIds() + " and holds " + storedIds);
            }
            return;
        }
        if (!check.relinks(stored)) {
            return;
        }
        String lastHash = stored.events().isEmpty() ? null : stored.events().get(stored.events().size() - 1).hash();
        if (!Objects.equals(lastHash, entry.lastHash())) {
            check.add(Kind.PAYLOAD_CHANGED, entry.first(), entry.position(), "the events at sequence "
                    + range(entry) + " recompute to links that differ from the logged ones: they were changed"
                    + " and their links recomputed");
            return;
        }
        if (entry.verdict() == Verdict.OK && entry.signature() != null && entry.signature().equals(stored.sig())) {
            // the log checked this very signature over this very content when it took the commit in, and the log
            // entry is proven (tree head signature, inclusion): checking it again would add nothing
            check.signatureChecked = true;
            return;
        }
        check.seal(stored, entry.signature() != null, true);
    }

    /** A commit the log has not taken in yet: it must extend the chain and be signed by the service. */
    private static void pending(Check check, StoredCommit stored) {
        if (stored.first() == null || stored.first() != check.expected) {
            boolean repeated = stored.first() != null && stored.first() < check.expected;
            check.add(repeated ? Kind.FORGED_EVENT : Kind.EVENT_MISSING, repeated ? stored.first() : check.expected,
                    stored.position(), repeated ? "a second commit for sequence " + range(stored)
                            : "sequence " + check.expected + " is missing; the next stored commit holds "
                                    + range(stored));
            return;
        }
        if (!stored.events().isEmpty() && !check.prev.equals(stored.events().get(0).prev())) {
            check.add(Kind.FORGED_EVENT, stored.first(), stored.position(), "its first event links to "
                    + stored.events().get(0).prev() + ", not to the head " + check.prev);
            return;
        }
        if (!check.relinks(stored)) {
            return;
        }
        if (check.seal(stored, true, false)) {
            check.unsigned += stored.events().size();
            StoredCommit.StoredEvent last = stored.events().get(stored.events().size() - 1);
            check.advance(last.seq(), last.hash());
        }
    }

    private static Kind kindOf(Verdict verdict) {
        return switch (verdict) {
            case PAYLOAD_CHANGED -> Kind.PAYLOAD_CHANGED;
            case TAIL_TRUNCATED -> Kind.TAIL_TRUNCATED;
            case MISSING, EVENT_MISSING -> Kind.EVENT_MISSING;
            default -> Kind.FORGED_EVENT;
        };
    }

    private static String range(LogEntry entry) {
        return Objects.equals(entry.first(), entry.last()) ? String.valueOf(entry.first())
                : entry.first() + ".." + entry.last();
    }

    private static String range(StoredCommit commit) {
        return Objects.equals(commit.first(), commit.last()) ? String.valueOf(commit.first())
                : commit.first() + ".." + commit.last();
    }

    /** The walk's state: the chain's head so far and what was found. */
    private static final class Check {

        private final String trajectoryId;
        private final PublicKey key;
        private final List<Break> breaks = new ArrayList<>();
        private long expected;
        private String prev = ChainHash.GENESIS;
        private Long headSequence;
        private String headHash;
        private long unsigned;
        private int eventsChecked;
        private boolean signatureChecked;
        private boolean signatureInvalid;

        Check(String trajectoryId, PublicKey key) {
            this.trajectoryId = trajectoryId;
            this.key = key;
        }

        void add(Kind kind, Long sequence, Long position, String reason) {
            breaks.add(new Break(kind, sequence, position, reason));
        }

        void advance(Long last, String hash) {
            if (last != null) {
                expected = last + 1;
                headSequence = last;
            }
            if (hash != null) {
                prev = hash;
                headHash = hash;
            }
        }

        /** Whether every event of the commit recomputes to its stored link and has the expected sequence. */
        boolean relinks(StoredCommit stored) {
            long sequence = stored.first() == null ? -1 : stored.first();
            for (ChainEvent event : StoredCommit.chainEvents(List.of(stored))) {
                if (event.sequence() != sequence) {
                    add(Kind.ORDER_CHANGED, event.sequence(), stored.position(),
                            "sequence " + event.sequence() + " is stored where " + sequence + " belongs");
                    return false;
                }
                if (!Objects.equals(event.hash(), event.expectedHash(event.prev()))) {
                    add(Kind.PAYLOAD_CHANGED, event.sequence(), stored.position(), "the stored link "
                            + event.hash() + " differs from the one recomputed from the stored event "
                            + event.expectedHash(event.prev()));
                    return false;
                }
                sequence++;
            }
            return true;
        }

        /**
         * Checks the commit's signature. {@code required}: it was signed (logged) or must be (not yet logged);
         * {@code logged}: its content is as the log took it in, so a bad signature is the signature's fault alone.
         */
        boolean seal(StoredCommit stored, boolean required, boolean logged) {
            if (stored.sig() == null) {
                if (required) {
                    add(logged ? Kind.SIGNATURE_INVALID : Kind.FORGED_EVENT, stored.first(), stored.position(),
                            "the commit at sequence " + range(stored) + " carries no signature of the service"
                                    + (logged ? " (it had one when the log took it in)" : ""));
                    return false;
                }
                return true;
            }
            if (key == null) {
                return true;
            }
            signatureChecked = true;
            if (!CommitSeal.of(stored).verifies(key, stored.sig())) {
                signatureInvalid = true;
                add(logged ? Kind.SIGNATURE_INVALID : Kind.FORGED_EVENT, stored.first(),
                        stored.position(), "the signature of the commit at sequence " + range(stored)
                                + " does not verify with the public key");
                return false;
            }
            return true;
        }

        Verification result(List<LogEntry> logged, TreeHead treeHead) {
            SignatureStatus signatures = key == null ? SignatureStatus.NOT_CHECKED
                    : signatureInvalid ? SignatureStatus.INVALID
                    : signatureChecked ? SignatureStatus.VALID : SignatureStatus.NONE;
            if (!breaks.isEmpty()) {
                Break first = breaks.stream().min(Comparator
                        .comparing((Break b) -> b.sequence() == null ? Long.MAX_VALUE : b.sequence())
                        .thenComparing(b -> b.globalPosition() == null ? Long.MAX_VALUE : b.globalPosition()))
                        .orElseThrow();
                return new Verification(trajectoryId, Status.BROKEN, eventsChecked, headSequence, headHash,
                        signatures, treeHead, unsigned, first, breaks.size());
            }
            boolean vouched = logged.stream().anyMatch(LogEntry::trusted) || signatureChecked
                    || (key == null && unsigned > 0);
            return new Verification(trajectoryId, vouched ? Status.OK : Status.UNVERIFIED, eventsChecked,
                    headSequence, headHash, signatures, treeHead, unsigned, null, 0);
        }
    }
}
