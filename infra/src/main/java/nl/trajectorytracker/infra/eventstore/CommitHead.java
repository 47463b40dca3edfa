package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;

/** The newest commit position this engine knows of (appended or read), and how the stored head is found. */
final class CommitHead {

    /** How far past the newest known commit the head is looked for in one round trip; wider than any gap. */
    private static final int PROBE = 64;

    private final MongoCollection<Document> commits;
    private final AtomicLong highestKnown = new AtomicLong();

    CommitHead(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    long known() {
        return highestKnown.get();
    }

    void seen(long position) {
        highestKnown.accumulateAndGet(position, Math::max);
    }

    /**
     * The position of the newest stored commit ({@code 0}: none), at least {@code atLeast}. Looks ahead of the newest
     * position known with exact {@code _id} look-ups, window by window: a sort on {@code _id} would read and sort the
     * whole collection on the embedded server. The first call, knowing nothing yet, finds where to look by doubling
     * and halving a window's start ({@link #newestWindow}).
     */
    long read(long atLeast) {
        long newest = Math.max(atLeast, highestKnown.get());
        if (newest <= 0) {
            newest = Math.max(0, newestWindow() - 1);
        }
        while (true) {
            long found = newest;
            for (Document commit : commits.find(in("_id", window(newest + 1))).projection(Projections.include("_id"))
                    .batchSize(PROBE)) {
                found = Math.max(found, StoredNumbers.of(commit, "_id"));
            }
            if (found == newest) {
                seen(newest);
                return newest;
            }
            newest = found;
        }
    }

    /**
     * The start of the last window of {@link #PROBE} positions that holds a commit ({@code 0}: none is stored). Since
     * no gap between positions is as wide as a window, every window that starts at or before the newest commit holds
     * one and every window after it none: a binary search over the windows' starts finds it in about
     * {@code 2 log2(head)} look-ups.
     */
    private long newestWindow() {
        if (!anyCommitIn(1)) {
            return 0;
        }
        long holds = 1;
        long empty = 2;
        while (anyCommitIn(empty)) {
            holds = empty;
            empty *= 2;
        }
        while (empty - holds > 1) {
            long middle = holds + (empty - holds) / 2;
            if (anyCommitIn(middle)) {
                holds = middle;
            } else {
                empty = middle;
            }
        }
        return holds;
    }

    private boolean anyCommitIn(long from) {
        return commits.find(in("_id", window(from))).projection(Projections.include("_id")).limit(1).first() != null;
    }

    private static List<Long> window(long from) {
        List<Long> window = new ArrayList<>(PROBE);
        for (long position = from; position < from + PROBE; position++) {
            window.add(position);
        }
        return window;
    }
}
