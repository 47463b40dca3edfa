package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.infra.projections.ConsistencyCheck.CollectionDifference;

/** The comparison of a live collection with a fresh rebuild, document for document. */
class ConsistencyCheckCompareTest {

    @Test
    void equalDocuments_inAnyOrder_andWithFieldsInAnyOrder_areNoDifference() {
        CollectionDifference difference = ConsistencyCheck.compare("c",
                List.of(doc("a", 1).append("x", "y"), doc("b", 2)),
                List.of(doc("b", 2), new Document("x", "y").append("_id", "a").append("v", 1)));

        assertThat(difference.none()).isTrue();
        assertThat(difference.liveDocuments()).isEqualTo(2);
    }

    @Test
    void missing_extra_andChangedDocuments_areReportedByTheirIds() {
        CollectionDifference difference = ConsistencyCheck.compare("c",
                List.of(doc("a", 1), doc("b", 2), doc("live-only", 3)),
                List.of(doc("a", 1), doc("b", 99), doc("rebuilt-only", 4)));

        assertThat(difference.missing()).containsExactly("rebuilt-only");
        assertThat(difference.extra()).containsExactly("live-only");
        assertThat(difference.changed()).containsExactly("b");
        assertThat(difference.none()).isFalse();
    }

    private static Document doc(String id, int value) {
        return new Document("_id", id).append("v", value);
    }
}
