package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;

/**
 * Reads one aggregate's commits in order, following the unique keys {@code <aggregate>#<first sequence>}: a window of
 * keys at a time with {@code $in}, which either server answers from the key's index, so loading an aggregate does
 * not slow down as the store grows.
 */
final class AggregateCommits {

    private static final int WINDOW = 64;

    private final MongoCollection<Document> commits;

    AggregateCommits(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    /** The aggregate's events from {@code firstSequence} on. */
    Stream<? extends DomainEventData<?>> events(String aggregate, long firstSequence) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Walk(aggregate, firstSequence),
                Spliterator.ORDERED), false)
                .flatMap(commit -> CommitDocuments.events(commit).stream())
                .filter(event -> event.getSequenceNumber() >= firstSequence);
    }

    Optional<Long> lastSequenceNumber(String aggregate) {
        Long last = null;
        Iterator<Document> walk = new Walk(aggregate, 0);
        while (walk.hasNext()) {
            last = StoredNumbers.of(walk.next(), "last");
        }
        return Optional.ofNullable(last);
    }

    /** The commits as stored, from the one holding {@code fromSequence}; stops at the first missing sequence. */
    Iterable<Document> from(String aggregate, long fromSequence) {
        return () -> new Walk(aggregate, fromSequence);
    }

    Document startingAt(String aggregate, long firstSequence) {
        return commits.find(eq("key", CommitDocuments.key(aggregate, firstSequence))).first();
    }

    /** The first commits of these aggregates, by their keys with one {@code $in}. */
    List<Document> firstOf(Collection<String> aggregates) {
        List<String> keys = aggregates.stream().map(aggregate -> CommitDocuments.key(aggregate, 0)).toList();
        return commits.find(in("key", keys)).into(new ArrayList<>());
    }

    /** Walks an aggregate's commits in order, a window of keys at a time. */
    private final class Walk implements Iterator<Document> {

        private final String aggregate;
        private long expected;
        private final List<Document> buffer = new ArrayList<>();
        private boolean exhausted;
        private boolean firstWindow = true;

        Walk(String aggregate, long firstSequence) {
            this.aggregate = aggregate;
            this.expected = firstSequence;
        }

        @Override
        public boolean hasNext() {
            if (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return !buffer.isEmpty();
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.remove(0);
        }

        private void fill() {
            // from the start, the first window is the start alone: a reader whose scope the start does not permit
            // reads no more of a trajectory than of a missing one, so its 404 comes as soon (a window of 64 commits
            // answered a foreign trajectory's 404 some milliseconds later than a missing one's)
            int size = firstWindow && expected == 0 ? 1 : WINDOW;
            List<String> keys = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                keys.add(CommitDocuments.key(aggregate, expected + i));
            }
            List<Document> found = commits.find(in("key", keys)).batchSize(keys.size()).into(new ArrayList<>());
            long wanted = expected;
            boolean startsAtWanted = found.stream().anyMatch(commit -> StoredNumbers.of(commit, "first") == wanted);
            if (!startsAtWanted && firstWindow && expected > 0) {
                // the first wanted event sits inside a commit that starts earlier (rare: a snapshot mid-commit)
                found = commits.find(and(eq("agg", aggregate), gte("last", expected)))
                        .sort(Sorts.ascending("first")).limit(WINDOW).into(new ArrayList<>());
                if (!found.isEmpty()) {
                    expected = StoredNumbers.of(found.get(0), "first");
                }
            }
            firstWindow = false;
            found.sort(Comparator.comparingLong(commit -> StoredNumbers.of(commit, "first")));
            for (Document commit : found) {
                if (StoredNumbers.of(commit, "first") != expected) {
                    break;
                }
                buffer.add(commit);
                expected = StoredNumbers.of(commit, "last") + 1;
            }
            if (buffer.isEmpty()) {
                exhausted = true;
            }
        }
    }
}
