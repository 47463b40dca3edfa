package nl.trajectorytracker.infra.audit.verification;

import java.util.ArrayList;
import java.util.List;

/**
 * A commit document of the event store as it is stored (collection {@code event_commits}), with the field names of
 * the store, so an export is the stored data and nothing else.
 *
 * @param position the commit's global position ({@code _id})
 */
public record StoredCommit(long position, String key, String agg, String type, Long first, Long last,
        List<StoredEvent> events) {

    public StoredCommit {
        events = events == null ? List.of() : List.copyOf(events);
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
