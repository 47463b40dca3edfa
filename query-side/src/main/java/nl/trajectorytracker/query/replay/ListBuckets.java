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
 * {@code size}. {@code _buckets} in the document says, per split list, its path, how many buckets it has and the
 * list's epoch: bucket {@code i} has the id {@code <owner>|<path>|<i>|<epoch>}, unless {@code moved} names another
 * id for it. The document therefore stays the same size however long its lists grow (it named every bucket's id
 * once: about 90 bytes per 32 items, 30 KB in every write of a trajectory with 10,000 notes).
 *
 * <p>
 * A bucket is never changed once a document named it: a bucket whose items change is written under a new, random id
 * (listed in {@code moved}), and the old one is dropped only after the document naming the new one was written, so a
 * document read at any moment names buckets that exist and hold what it was written with. An epoch's id for a place
 * is written only while no stored document names that place (the list grew into it); a list that gets shorter is
 * written anew under a new epoch, so that the places it gives up are never reused under their old ids. A bucket
 * written for a place that no document named yet (a batch that failed before its documents were written) may be
 * written again. Only lists in (nested) maps are split, not lists inside lists. Documents stored with every bucket's
 * id listed ({@code ids}, before epochs) are read as they were written; their next write keeps those buckets under
 * {@code moved}.
 */
public final class ListBuckets {

    static final String SPLITS = "_buckets";
    private static final String EPOCH = "epoch";

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
            List<String> ids = ids(stored, split);
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
            ids.addAll(ids(stored, split));
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
            for (String bucketId : ids(stored, split)) {
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
                String listPath = pathName(here);
                // a shorter list gives places up: all its buckets are written anew under a new epoch, so that no id
                // of a given-up place is ever written again and every bucket with an epoch carries the list's own
                boolean shorter = previous.containsKey(slot(listPath, full));
                String storedEpoch = shorter ? null : storedEpoch(listPath, previous);
                String epoch = storedEpoch != null ? storedEpoch : UUID.randomUUID().toString();
                Document moved = new Document();
                for (int index = 0; index < full; index++) {
                    String slot = slot(listPath, index);
                    Document bucket = shorter ? null : previous.get(slot);
                    if (bucket != null && holdsTheSameItems(bucket, list, index * size, size)) {
                        // the very item objects it was written with: kept as it is, nothing copied or compared by
                        // value (a long history has hundreds of full buckets, changed by none of its events)
                        buckets.put(slot, bucket);
                    } else {
                        List<?> items = new ArrayList<>(list.subList(index * size, (index + 1) * size));
                        if (bucket != null && items.equals(bucket.getList("items", Object.class))) {
                            // the same bucket, remembered with these item objects: a writer that hands the same
                            // items again (an incremental conversion) is then compared item by item by identity
                            bucket = new Document(bucket).append("items", items);
                        } else if (bucket != null) {
                            // a place the stored document names: its bucket is never changed, the new one gets an
                            // id of its own
                            bucket = new Document("_id", id + "|" + slot + "|" + UUID.randomUUID())
                                    .append("owner", id).append("items", items);
                            fresh.add(bucket);
                        } else {
                            bucket = new Document("_id", epochId(id, slot, epoch)).append("owner", id)
                                    .append(EPOCH, epoch).append("items", items);
                            fresh.add(bucket);
                        }
                        buckets.put(slot, bucket);
                    }
                    if (!epoch.equals(bucket.getString(EPOCH))) {
                        moved.put(String.valueOf(index), bucket.getString("_id"));
                    }
                }
                copy.put(key, new ArrayList<>(list.subList(full * size, list.size())));
                Document split = new Document("path", here).append("count", full).append(EPOCH, epoch);
                if (!moved.isEmpty()) {
                    split.append("moved", moved);
                }
                splits.add(split);
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

    /** The ids of a split list's buckets in order: as the document lists them, or from its epoch. */
    private static List<String> ids(Document stored, Document split) {
        List<String> listed = split.getList("ids", String.class);
        if (listed != null) {
            return listed;
        }
        String owner = String.valueOf(stored.get("_id"));
        String path = pathName(split.getList("path", String.class));
        String epoch = split.getString(EPOCH);
        Document moved = split.get("moved", Document.class);
        int count = ((Number) split.get("count")).intValue();
        List<String> ids = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            Object other = moved == null ? null : moved.get(String.valueOf(index));
            ids.add(other != null ? other.toString() : epochId(owner, slot(path, index), epoch));
        }
        return ids;
    }

    private static String epochId(String owner, String slot, String epoch) {
        return owner + "|" + slot + "|" + epoch;
    }

    /**
     * The epoch a list was stored under, which every one of its buckets stored under an epoch's id carries (its
     * first bucket, unless that one moved); none for a list stored with every id listed, or not at all.
     */
    private static String storedEpoch(String path, Map<String, Document> previous) {
        Document bucket;
        for (int index = 0; (bucket = previous.get(slot(path, index))) != null; index++) {
            String epoch = bucket.getString(EPOCH);
            if (epoch != null) {
                return epoch;
            }
        }
        return null;
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
