package nl.trajectorytracker.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Long lists in buckets: joined back exactly, unchanged buckets reused, changed ones written anew. */
class ListBucketsTest {

    @Test
    void aDocumentWithLongLists_joinsBackToTheSameDocument() {
        Document original = state(70, 5);

        ListBuckets.Split split = ListBuckets.split("t1", original, 32, Map.of());

        assertThat(split.fresh()).hasSize(2).allSatisfy(bucket -> assertThat(bucket.getList("items", Object.class))
                .hasSize(32));
        Map<?, ?> phase = (Map<?, ?>) split.document().get("phase");
        assertThat((List<?>) phase.get("notes")).as("the tail stays in place").hasSize(6);
        assertThat((List<?>) phase.get("decisions")).as("short lists are not split").hasSize(5);
        assertThat(json(ListBuckets.join(split.document(), byId(split.fresh())))).isEqualTo(json(original));
    }

    @Test
    void growingAList_writesOnlyTheNewBucket_andKeepsTheFullOnes() {
        ListBuckets.Split first = ListBuckets.split("t1", state(70, 0), 32, Map.of());

        ListBuckets.Split grown = ListBuckets.split("t1", state(100, 0), 32, first.buckets());

        assertThat(grown.fresh()).hasSize(1);
        assertThat(grown.buckets()).containsAllEntriesOf(first.buckets());
        Map<String, Document> all = byId(first.fresh());
        all.putAll(byId(grown.fresh()));
        assertThat(json(ListBuckets.join(grown.document(), all))).isEqualTo(json(state(100, 0)));
    }

    @Test
    void changingAnItemInAFullBucket_writesThatBucketUnderANewId() {
        ListBuckets.Split first = ListBuckets.split("t1", state(70, 0), 32, Map.of());
        Document changed = state(70, 0);
        notes(changed).set(3, new LinkedHashMap<>(Map.of("text", "corrected")));

        ListBuckets.Split again = ListBuckets.split("t1", changed, 32, first.buckets());

        assertThat(again.fresh()).hasSize(1);
        String oldId = first.fresh().get(0).getString("_id");
        assertThat(again.fresh().get(0).getString("_id")).isNotEqualTo(oldId);
        Map<String, Document> all = byId(first.fresh());
        all.putAll(byId(again.fresh()));
        assertThat(json(ListBuckets.join(again.document(), all))).isEqualTo(json(changed));
        assertThat(json(ListBuckets.join(first.document(), all))).as("the old document still reads as it was written")
                .isEqualTo(json(state(70, 0)));
    }

    @Test
    void theSameItemObjectsHandedAgain_keepTheirBuckets_whileAReplacedItemStillRewritesItsBucket() {
        Document state = state(70, 0);
        ListBuckets.Split first = ListBuckets.split("t1", state, 32, Map.of());

        ListBuckets.Split again = ListBuckets.split("t1", state, 32, first.buckets());
        assertThat(again.fresh()).isEmpty();
        assertThat(again.buckets()).isEqualTo(first.buckets());

        notes(state).set(40, new LinkedHashMap<>(Map.of("text", "corrected")));
        ListBuckets.Split changed = ListBuckets.split("t1", state, 32, again.buckets());
        assertThat(changed.fresh()).hasSize(1);
        Map<String, Document> all = byId(first.fresh());
        all.putAll(byId(changed.fresh()));
        assertThat(json(ListBuckets.join(changed.document(), all))).isEqualTo(json(state));
    }

    @Test
    void aMissingBucket_isAnError_notAShorterList() {
        ListBuckets.Split split = ListBuckets.split("t1", state(70, 0), 32, Map.of());

        assertThatThrownBy(() -> ListBuckets.join(split.document(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }

    private static Document state(int notes, int decisions) {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("notes", new ArrayList<>(IntStream.range(0, notes)
                .mapToObj(i -> (Object) new LinkedHashMap<>(Map.of("text", "note " + i, "sequence", i))).toList()));
        phase.put("decisions", new ArrayList<>(IntStream.range(0, decisions).mapToObj(i -> (Object) ("d" + i))
                .toList()));
        return new Document("_id", "t1").append("version", notes).append("phase", phase);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> notes(Document state) {
        return (List<Object>) ((Map<String, Object>) state.get("phase")).get("notes");
    }

    /** Documents compare by their JSON: the same content whether nested maps are Documents or plain maps. */
    private static String json(Document document) {
        return document.toJson();
    }

    private static Map<String, Document> byId(List<Document> buckets) {
        Map<String, Document> byId = new HashMap<>();
        buckets.forEach(bucket -> byId.put(bucket.getString("_id"), bucket));
        return byId;
    }
}
