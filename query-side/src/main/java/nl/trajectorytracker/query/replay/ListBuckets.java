package nl.trajectorytracker.query.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;

/**
 * Splits the long lists of a document into bucket documents of a fixed size and joins them again. A list that grows
 * at its end only ever changes its last, partial part, which stays in the document itself, while the full buckets
 * before it stay as they are: writing a document whose lists grow with every event then costs the size of a bucket,
 * not the size of the history.
 *
 * <p>
 * A list of {@code n > size} items keeps its last {@code n % size} items in place and its first ones in buckets of
 * {@code size}; {@code _buckets} in the document names, per split list, its path and the ids of its buckets in
 * order. A bucket is never changed: a bucket whose items change is written under a new id, and the old one is
 * dropped only after the document naming the new one was written, so a document read at any moment names buckets
 * that exist and hold what it was written with. Only lists in (nested) maps are split, not lists inside lists.
 */
public final class ListBuckets {

    static final String SPLITS = "_buckets";

    private ListBuckets() {
    }

    /**
     * A document with its long lists cut short; its buckets by slot (list path and index); and those of them that
     * are new and have to be written before the document.
     */
    public record Split(Document document, Map<String, Document> buckets, List<Document> fresh) {
    }

    /**
     * Splits a document, reusing the buckets it was stored with ({@code previous}, by slot) whose items did not
     * change.
     */
    public static Split split(String id, Document document, int size, Map<String, Document> previous) {
        Map<String, Document> buckets = new LinkedHashMap<>();
        List<Document> fresh = new ArrayList<>();
        List<Document> splits = new ArrayList<>();
        Document cut = cut(id, document, new ArrayList<>(), size, previous, buckets, fresh, splits);
        if (!splits.isEmpty()) {
            cut.put(SPLITS, splits);
        }
        return new Split(cut, buckets, fresh);
    }

    /** The buckets of a stored document by slot, from the buckets found by id. */
    public static Map<String, Document> bucketsBySlot(Document stored, Map<String, Document> byId) {
        Map<String, Document> bySlot = new LinkedHashMap<>();
        for (Document split : splits(stored)) {
            String path = pathName(split.getList("path", String.class));
            List<String> ids = split.getList("ids", String.class);
            for (int index = 0; index < ids.size(); index++) {
                Document bucket = byId.get(ids.get(index));
                if (bucket != null) {
                    bySlot.put(slot(path, index), bucket);
                }
            }
        }
        return bySlot;
    }

    /** The ids of the buckets a stored document names. */
    public static List<String> bucketIds(Document stored) {
        List<String> ids = new ArrayList<>();
        for (Document split : splits(stored)) {
            ids.addAll(split.getList("ids", String.class));
        }
        return ids;
    }

    /** The stored document with its lists whole again; a missing bucket is an error, never a shorter list. */
    public static Document join(Document stored, Map<String, Document> byId) {
        List<Document> splits = splits(stored);
        if (splits.isEmpty()) {
            return stored;
        }
        Document joined = new Document(stored);
        joined.remove(SPLITS);
        for (Document split : splits) {
            List<String> path = split.getList("path", String.class);
            Map<String, Object> parent = copiedParent(joined, path);
            String key = path.get(path.size() - 1);
            List<Object> whole = new ArrayList<>();
            for (String bucketId : split.getList("ids", String.class)) {
                Document bucket = byId.get(bucketId);
                if (bucket == null) {
                    throw new IllegalStateException("Bucket " + bucketId + " of " + stored.get("_id") + " is missing");
                }
                whole.addAll(bucket.getList("items", Object.class));
            }
            if (parent.get(key) instanceof List<?> rest) {
                whole.addAll(rest);
            }
            parent.put(key, whole);
        }
        return joined;
    }

    private static Document cut(String id, Map<?, ?> map, List<String> path, int size, Map<String, Document> previous,
            Map<String, Document> buckets, List<Document> fresh, List<Document> splits) {
        Document copy = new Document();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            List<String> here = new ArrayList<>(path);
            here.add(key);
            if (value instanceof Map<?, ?> nested) {
                copy.put(key, cut(id, nested, here, size, previous, buckets, fresh, splits));
            } else if (value instanceof List<?> list && list.size() > size) {
                int full = list.size() / size;
                List<String> ids = new ArrayList<>(full);
                String listPath = pathName(here);
                for (int index = 0; index < full; index++) {
                    String slot = slot(listPath, index);
                    Document bucket = previous.get(slot);
                    if (bucket != null && holdsTheSameItems(bucket, list, index * size, size)) {
                        // the very item objects it was written with: kept as it is, nothing copied or compared by
                        // value (a long history has hundreds of full buckets, changed by none of its events)
                        buckets.put(slot, bucket);
                        ids.add(bucket.getString("_id"));
                        continue;
                    }
                    List<?> items = new ArrayList<>(list.subList(index * size, (index + 1) * size));
                    if (bucket == null || !items.equals(bucket.getList("items", Object.class))) {
                        bucket = new Document("_id", id + "|" + slot + "|" + UUID.randomUUID())
                                .append("owner", id).append("items", items);
                        fresh.add(bucket);
                    } else {
                        // the same bucket, remembered with these item objects: a writer that hands the same items
                        // again (an incremental conversion) is then compared item by item by identity
                        bucket = new Document(bucket).append("items", items);
                    }
                    buckets.put(slot, bucket);
                    ids.add(bucket.getString("_id"));
                }
                copy.put(key, new ArrayList<>(list.subList(full * size, list.size())));
                splits.add(new Document("path", here).append("ids", ids));
            } else {
                copy.put(key, value);
            }
        }
        return copy;
    }

    /** Whether the bucket holds, in order, the very objects of {@code list} from {@code from} on. */
    private static boolean holdsTheSameItems(Document bucket, List<?> list, int from, int size) {
        if (!(bucket.get("items") instanceof List<?> items) || items.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (items.get(i) != list.get(from + i)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copiedParent(Document root, List<String> path) {
        Map<String, Object> current = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = current.get(path.get(i));
            Map<String, Object> copy = next instanceof Map<?, ?> map ? new Document((Map<String, Object>) map)
                    : new Document();
            current.put(path.get(i), copy);
            current = copy;
        }
        return current;
    }

    private static List<Document> splits(Document stored) {
        List<Document> splits = stored.getList(SPLITS, Document.class);
        return splits == null ? List.of() : splits;
    }

    private static String pathName(List<String> path) {
        return String.join("/", path);
    }

    private static String slot(String path, int index) {
        return path + "|" + index;
    }
}
