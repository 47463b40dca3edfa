package nl.trajectorytracker.infra.audit.verification;

import java.util.ArrayList;
import java.util.List;

/**
 * A commit document of the event store as it is stored (collection {@code event_commits}), with the field names of
 * the store, so an export is the stored data and nothing else.
 *
 * @param position the commit's global position ({@code _id})
 * @param sig      the service's signature over the commit's {@link CommitSeal}, {@code null} when it has none
 * @param vouched  {@code false} when the service wrote the commit over a reported break ({@link CommitSeal});
 *                 {@code null} (not stored) means vouched
 */
public record StoredCommit(long position, String key, String agg, String type, Long first, Long last,
        List<StoredEvent> events, String sig, Boolean vouched) {

    public StoredCommit {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Whether the service vouched for what this commit links to. */
    public boolean vouchesForLink() {
        return vouched == null || vouched;
    }

    /** One entry of a commit's {@code events} array. */
    public record StoredEvent(String id, Long seq, String ts, String ptype, String rev, String payload, String meta,
            String prev, String hash) {
    }

    /** The events of commits in the order given (commit by commit, then by index), as the chain sees them. */
    public static List<ChainEvent> chainEvents(List<StoredCommit> commits) {
        List<ChainEvent> events = new ArrayList<>();
        for (StoredCommit commit : commits) {
            for (int index = 0; index < commit.events().size(); index++) {
                StoredEvent event = commit.events().get(index);
                events.add(new ChainEvent(commit.position(), index, commit.agg(), commit.type(),
                        event.seq() == null ? -1 : event.seq(), event.id(), event.ts(), event.ptype(), event.rev(),
                        event.payload(), event.meta(), event.prev(), event.hash()));
            }
        }
        return events;
    }
}
