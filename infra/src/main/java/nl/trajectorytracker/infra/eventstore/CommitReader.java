package nl.trajectorytracker.infra.eventstore;

import java.util.Collection;
import java.util.List;

import org.bson.Document;

/**
 * The event store's commits as stored, for readers that must see the record itself rather than the events Axon
 * makes of it (the audit trail). Every read is an exact look-up on {@code _id} or on the unique {@code key}, so its
 * cost does not grow with the store.
 */
public interface CommitReader {

    /** The newest stored position, {@code 0} when the store is empty. */
    long headPosition();

    /** The commits stored at the given positions, in no particular order; absent positions are left out. */
    List<Document> commitsAt(Collection<Long> positions);

    /**
     * An aggregate's commits from the one holding {@code fromSequence}, following the keys
     * {@code <aggregate>#<sequence>}; stops at the first sequence no commit starts at. Read a window of keys at a time
     * as they are iterated, so a reader that stops early (a page of a history) reads only what it uses.
     */
    Iterable<Document> commitsOf(String aggregate, long fromSequence);

    /** The commit with the key {@code <aggregate>#<firstSequence>}, or {@code null}. */
    Document commitStartingAt(String aggregate, long firstSequence);

    /** The first commits (sequence 0) of these aggregates, in one read; absent ones are left out. */
    List<Document> firstCommitsOf(Collection<String> aggregates);
}
