package nl.trajectorytracker.infra.eventstore;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.bson.Document;

/**
 * How the event store's documents read as Axon's events, and where an event's tracking position points: one commit
 * document holds the events of one command, and a position is {@code commit * 1024 + index within the commit}.
 */
final class CommitDocuments {

    private CommitDocuments() {
    }

    /** The unique key of the commit holding an aggregate's event with this sequence number as its first. */
    static String key(String aggregate, long sequence) {
        return aggregate + "#" + sequence;
    }

    static long commitOf(long position) {
        return position / MongoEventStorageEngine.MAX_EVENTS_PER_COMMIT;
    }

    static long position(long commit, int index) {
        return commit * MongoEventStorageEngine.MAX_EVENTS_PER_COMMIT + index;
    }

    static List<DomainEventData<String>> events(Document commit) {
        List<Document> events = commit.getList("events", Document.class);
        List<DomainEventData<String>> entries = new ArrayList<>(events.size());
        for (Document event : events) {
            entries.add(event(commit, event));
        }
        return entries;
    }

    /** One event of a commit; an event without aggregate (none so far) stands for itself, at sequence 0. */
    static DomainEventData<String> event(Document commit, Document event) {
        String aggregate = commit.getString("agg");
        Long sequence = StoredNumbers.nullable(event, "seq");
        return new GenericDomainEventEntry<>(commit.getString("type"),
                aggregate != null ? aggregate : event.getString("id"),
                sequence != null ? sequence : 0L,
                event.getString("id"), event.getString("ts"), event.getString("ptype"), event.getString("rev"),
                event.getString("payload"), event.getString("meta"));
    }
}
