package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

/**
 * The head of the store, found by a fresh engine (a restart) with {@code _id} look-ups alone, whatever the number of
 * commits and with gaps narrower than a look-up window between them.
 */
class CommitHeadTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoCollection<Document> commits = mongo.database().getCollection("event_commits");

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void anEmptyStore_hasHeadZero() {
        assertThat(new CommitHead(commits).read(0)).isZero();
    }

    @Test
    void aRestart_findsTheNewestCommit_forEveryStoreSizeAroundTheWindowsAndPowersOfTwo() {
        long stored = 0;
        for (long size : new long[] {1, 2, 3, 63, 64, 65, 127, 128, 129, 1000, 4096, 5003}) {
            List<Document> added = new ArrayList<>();
            for (long position = stored + 1; position <= size; position++) {
                added.add(new Document("_id", position));
            }
            commits.insertMany(added);
            stored = size;
            assertThat(new CommitHead(commits).read(0)).as("head of %d commits", size).isEqualTo(size);
        }
    }

    @Test
    void gapsNarrowerThanAWindow_doNotHideTheNewestCommit() {
        List<Document> added = new ArrayList<>();
        for (long position = 1; position <= 3010; position++) {
            if (position % 500 < 40 && position < 3000) {
                continue; // a gap of 40 positions every 500
            }
            added.add(new Document("_id", position));
        }
        commits.insertMany(added);
        assertThat(new CommitHead(commits).read(0)).isEqualTo(3010);
        assertThat(new CommitHead(commits).read(2500)).isEqualTo(3010);
    }
}
