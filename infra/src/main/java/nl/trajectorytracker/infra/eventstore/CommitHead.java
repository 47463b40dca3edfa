package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

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
     * position known with exact {@code _id} look-ups, window by window, because a sort on {@code _id} reads and sorts
     * the whole collection on the embedded server; only the first call, knowing nothing yet, sorts.
     */
    long read(long atLeast) {
        long newest = Math.max(atLeast, highestKnown.get());
        if (newest <= 0) {
            Document last = commits.find().projection(Projections.include("_id")).sort(Sorts.descending("_id"))
                    .limit(1).first();
            newest = last == null ? 0 : last.getLong("_id");
        }
        while (true) {
            List<Long> window = new ArrayList<>(PROBE);
            for (long position = newest + 1; position <= newest + PROBE; position++) {
                window.add(position);
            }
            long found = newest;
            for (Document commit : commits.find(in("_id", window)).projection(Projections.include("_id"))
                    .batchSize(window.size())) {
                found = Math.max(found, commit.getLong("_id"));
            }
            if (found == newest) {
                seen(newest);
                return newest;
            }
            newest = found;
        }
    }
}
