package nl.trajectorytracker.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
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
    void aDocumentStaysTheSameSize_howeverLongItsListGrows() {
        // 1,029 and 9,989 notes: the same 5 in the document itself, 32 and 312 full buckets
        ListBuckets.Split short_ = ListBuckets.split("t1", state(1_029, 0), 32, Map.of());
        ListBuckets.Split long_ = ListBuckets.split("t1", state(9_989, 0), 32, short_.buckets());

        assertThat(long_.fresh()).as("only the buckets the list grew into").hasSize(312 - 32);
        assertThat(bytes(long_.document())).isEqualTo(bytes(short_.document())).isLessThan(1_000);
        Map<String, Document> all = byId(short_.fresh());
        all.putAll(byId(long_.fresh()));
        assertThat(json(ListBuckets.join(long_.document(), all))).isEqualTo(json(state(9_989, 0)));
    }

    @Test
    void aListThatGotShorter_isWrittenAnewUnderNewIds_andGrowingAgainNeverWritesAGivenUpId() {
        ListBuckets.Split first = ListBuckets.split("t1", state(100, 0), 32, Map.of());
        Set<String> written = new HashSet<>(byId(first.fresh()).keySet());

        ListBuckets.Split shorter = ListBuckets.split("t1", state(40, 0), 32, first.buckets());
        assertThat(shorter.fresh()).hasSize(1);
        assertThat(written).doesNotContainAnyElementsOf(byId(shorter.fresh()).keySet());
        written.addAll(byId(shorter.fresh()).keySet());
        ListBuckets.Split longer = ListBuckets.split("t1", state(100, 0), 32, shorter.buckets());

        assertThat(longer.fresh()).hasSize(2);
        assertThat(written).doesNotContainAnyElementsOf(byId(longer.fresh()).keySet());
        Map<String, Document> all = byId(first.fresh());
        all.putAll(byId(shorter.fresh()));
        all.putAll(byId(longer.fresh()));
        assertThat(json(ListBuckets.join(first.document(), all))).as("the old document still reads as it was written")
                .isEqualTo(json(state(100, 0)));
        assertThat(json(ListBuckets.join(shorter.document(), all))).isEqualTo(json(state(40, 0)));
        assertThat(json(ListBuckets.join(longer.document(), all))).isEqualTo(json(state(100, 0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentStoredWithEveryBucketIdListed_readsAsWritten_andItsNextWriteKeepsThoseBuckets() {
        Document original = state(70, 0);
        List<Object> notes = notes(original);
        Document first = new Document("_id", "t1|phase/notes|0|old").append("owner", "t1")
                .append("items", new ArrayList<>(notes.subList(0, 32)));
        Document second = new Document("_id", "t1|phase/notes|1|old").append("owner", "t1")
                .append("items", new ArrayList<>(notes.subList(32, 64)));
        Document stored = state(70, 0);
        ((Map<String, Object>) stored.get("phase")).put("notes", new ArrayList<>(notes.subList(64, 70)));
        stored.put("_buckets", List.of(new Document("path", List.of("phase", "notes"))
                .append("ids", List.of(first.getString("_id"), second.getString("_id")))));
        Map<String, Document> byId = byId(List.of(first, second));

        assertThat(json(ListBuckets.join(stored, byId))).isEqualTo(json(original));
        assertThat(ListBuckets.bucketIds(stored)).containsExactly(first.getString("_id"), second.getString("_id"));

        ListBuckets.Split grown = ListBuckets.split("t1", state(100, 0), 32, ListBuckets.bucketsBySlot(stored, byId));
        assertThat(grown.fresh()).as("the third bucket only").hasSize(1);
        assertThat(ListBuckets.bucketIds(grown.document())).startsWith(first.getString("_id"), second.getString("_id"));
        byId.putAll(byId(grown.fresh()));
        assertThat(json(ListBuckets.join(grown.document(), byId))).isEqualTo(json(state(100, 0)));
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

    private static int bytes(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    private static Map<String, Document> byId(List<Document> buckets) {
        Map<String, Document> byId = new HashMap<>();
        buckets.forEach(bucket -> byId.put(bucket.getString("_id"), bucket));
        return byId;
    }
}
