package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** The release memory as stored: shared by every study, and still holding what an earlier version kept per study. */
class ReleasedSetsTest {

    private static final String SCOPE = "group/INSURER+CARE_PROVIDER|2025|2025.1";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ReleasedSets memory = new ReleasedSets(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aSetOneStudyReleased_isAnEarlierReleaseForEveryStudy_withTheKItWasReleasedUnder() {
        memory.remember(5, Map.of(SCOPE, new long[] {1, 2, 3, 4, 5}));
        memory.remember(5, Map.of(SCOPE, new long[] {1, 2, 3, 4, 5}));
        memory.remember(7, Map.of(SCOPE, new long[] {1, 2, 3, 4, 5, 6, 7}));

        List<ReleaseMemory.Released> seen = memory.earlier("another-study", 6, List.of(SCOPE, "group/rest"))
                .get(SCOPE);

        assertThat(seen).hasSize(2);
        assertThat(seen).anySatisfy(set -> {
            assertThat(set.members()).containsExactly(1, 2, 3, 4, 5);
            assertThat(set.k()).isEqualTo(5);
        });
        assertThat(seen).anySatisfy(set -> assertThat(set.k()).isEqualTo(7));
    }

    @Test
    void setsAnEarlierVersionKeptPerStudy_areStillEarlierReleasesOfThatStudy() {
        mongo.template().getCollection(ReleasedSets.COLLECTION).insertOne(new Document("_id", "s|" + SCOPE)
                .append("study", "s").append("scope", SCOPE).append("sets", List.of("d1")));
        mongo.template().getCollection(ReleasedSets.COLLECTION).insertOne(new Document("_id", "s|" + SCOPE + "|d1")
                .append("study", "s").append("scope", SCOPE).append("members", List.of(1L, 2L, 3L)));

        assertThat(memory.earlier("s", 4, List.of(SCOPE)).get(SCOPE)).singleElement().satisfies(set -> {
            assertThat(set.members()).containsExactly(1, 2, 3);
            assertThat(set.k()).isEqualTo(4);
        });
        assertThat(memory.earlier("t", 4, List.of(SCOPE))).isEmpty();
    }

    /** The records histories released grow with every release: one copy is kept, not one more per release. */
    @Test
    void aGrowingSetRememberedInPlace_isKeptOnce() {
        memory.rememberInPlace("histories/released", 5, new long[] {1, 2, 3});
        memory.rememberInPlace("histories/released", 5, new long[] {1, 2, 3, 4});
        memory.rememberInPlace("histories/released", 6, new long[] {1, 2, 3, 4, 5});
        memory.rememberInPlace("histories/released", 6, new long[] {1, 2, 3, 4, 5});

        assertThat(memory.earlier("any-study", 5, List.of("histories/released")).get("histories/released"))
                .singleElement().satisfies(set -> assertThat(set.members()).containsExactly(1, 2, 3, 4, 5));
        assertThat(mongo.template().getCollection(ReleasedSets.COLLECTION).countDocuments())
                .as("the index and one set").isEqualTo(2);
    }
}
