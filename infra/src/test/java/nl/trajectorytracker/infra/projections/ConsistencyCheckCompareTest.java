package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.infra.projections.ConsistencyCheck.CollectionDifference;
import nl.trajectorytracker.infra.projections.ConsistencyCheck.Differences;

/** The comparison of a live collection with a fresh rebuild, document for document, a batch of ids at a time. */
class ConsistencyCheckCompareTest {

    @Test
    void equalDocuments_withFieldsInAnyOrder_areNoDifference() {
        Differences differences = new Differences();
        differences.compare(byId(doc("a", 1).append("x", "y"), doc("b", 2)),
                byId(doc("b", 2), new Document("x", "y").append("_id", "a").append("v", 1)));
        differences.liveOnes(List.of("a", "b"), Set.of("a", "b"));

        CollectionDifference difference = differences.of("c");

        assertThat(difference.none()).isTrue();
        assertThat(difference.liveDocuments()).isEqualTo(2);
        assertThat(difference.rebuiltDocuments()).isEqualTo(2);
    }

    @Test
    void missing_extra_andChangedDocuments_areReportedByTheirIds_overSeveralBatches() {
        Differences differences = new Differences();
        // the rebuilt ids in two batches, each looked up in the live collection
        differences.compare(byId(doc("a", 1)), byId(doc("a", 1), doc("rebuilt-only", 4)));
        differences.compare(byId(doc("b", 2)), byId(doc("b", 99)));
        // the live ids in two batches, each looked up in the rebuilt collection
        differences.liveOnes(List.of("a", "live-only"), Set.of("a"));
        differences.liveOnes(List.of("b"), Set.of("b"));

        CollectionDifference difference = differences.of("c");

        assertThat(difference.missing()).containsExactly("rebuilt-only");
        assertThat(difference.extra()).containsExactly("live-only");
        assertThat(difference.changed()).containsExactly("b");
        assertThat(difference.liveDocuments()).isEqualTo(3);
        assertThat(difference.rebuiltDocuments()).isEqualTo(3);
        assertThat(difference.none()).isFalse();
    }

    @Test
    void ofManyDifferences_theFirstHundredIdsAreReported_inOrder() {
        Differences differences = new Differences();
        List<Object> ids = IntStream.range(0, 250).mapToObj(i -> (Object) String.format("id-%03d", 249 - i)).toList();
        differences.liveOnes(ids, Set.of());

        List<String> extra = differences.of("c").extra();

        assertThat(extra).hasSize(100).startsWith("id-000").endsWith("id-099").isSorted();
    }

    private static Map<Object, Document> byId(Document... documents) {
        Map<Object, Document> byId = new HashMap<>();
        for (Document document : documents) {
            byId.put(document.get("_id"), document);
        }
        return byId;
    }

    private static Document doc(String id, int value) {
        return new Document("_id", id).append("v", value);
    }
}
