package nl.trajectorytracker.query.research;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@link ReleaseMemory} in MongoDB, {@code research_released_sets}: one document per scope, {@code k} and distinct set
 * ({@code _id} = {@value #EVERY_STUDY}, scope, {@code k} and a digest of the set), holding the set as 64-bit prefixes
 * of the trajectories' keys (keys, never ids), and one document per scope listing its sets ({@code k} and digest); a
 * release reads them by {@code _id} only. The sets are written (journaled, as every write) before the release is
 * answered: a release the memory lost could be followed by one that differs from it by fewer than k trajectories.
 *
 * <p>An earlier version kept the sets per study ({@code _id} = study, scope and digest); those are still read, for
 * their study, as released under its {@code k}.
 */
@Component
public class ReleasedSets implements ReleaseMemory {

    public static final String COLLECTION = "research_released_sets";
    /** What the shared documents' ids begin with where the per-study ones had the study's id. */
    static final String EVERY_STUDY = "*";

    private final MongoOperations mongo;

    public ReleasedSets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, List<Released>> earlier(String study, int k, Collection<String> scopes) {
        Map<String, List<Released>> found = new HashMap<>();
        if (scopes.isEmpty()) {
            return found;
        }
        List<String> indexIds = new ArrayList<>();
        for (String scope : scopes) {
            indexIds.add(indexId(EVERY_STUDY, scope));
            indexIds.add(indexId(study, scope));
        }
        List<String> setIds = new ArrayList<>();
        Map<String, String> scopeOfSet = new HashMap<>();
        Map<String, Integer> kOfSet = new HashMap<>();
        for (Document index : mongo.find(byIds(indexIds), Document.class, COLLECTION)) {
            String scope = index.getString("scope");
            boolean shared = index.getString("_id").equals(indexId(EVERY_STUDY, scope));
            for (Object entry : index.getList("sets", Object.class, List.of())) {
                String id = shared ? EVERY_STUDY + "|" + scope + "|" + entry
                        : setId(study, scope, String.valueOf(entry));
                setIds.add(id);
                scopeOfSet.put(id, scope);
                kOfSet.put(id, shared ? Integer.parseInt(String.valueOf(entry).split("\\|")[0]) : k);
            }
        }
        if (setIds.isEmpty()) {
            return found;
        }
        for (Document set : mongo.find(byIds(setIds), Document.class, COLLECTION)) {
            List<Long> members = set.getList("members", Long.class, List.of());
            long[] sorted = members.stream().mapToLong(Long::longValue).toArray();
            String id = set.getString("_id");
            found.computeIfAbsent(scopeOfSet.get(id), x -> new ArrayList<>()).add(new Released(sorted, kOfSet.get(id)));
        }
        return found;
    }

    @Override
    public void remember(int k, Map<String, long[]> released) {
        if (released.isEmpty()) {
            return;
        }
        List<String> indexIds = released.keySet().stream().map(scope -> indexId(EVERY_STUDY, scope)).toList();
        Map<String, Document> indexes = new HashMap<>();
        for (Document index : mongo.find(byIds(indexIds), Document.class, COLLECTION)) {
            indexes.put(index.getString("scope"), index);
        }
        List<Document> sets = new ArrayList<>();
        List<Document> changedIndexes = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : released.entrySet()) {
            String scope = entry.getKey();
            long[] members = entry.getValue();
            String set = k + "|" + digest(members);
            Document index = indexes.get(scope);
            List<Object> entries = index == null ? new ArrayList<>()
                    : new ArrayList<>(index.getList("sets", Object.class, List.of()));
            if (entries.contains(set)) {
                continue;
            }
            List<Long> stored = new ArrayList<>(members.length);
            Arrays.stream(members).forEach(stored::add);
            sets.add(new Document("_id", EVERY_STUDY + "|" + scope + "|" + set).append("scope", scope)
                    .append("k", k).append("members", stored));
            entries.add(set);
            changedIndexes.add(new Document("_id", indexId(EVERY_STUDY, scope)).append("scope", scope)
                    .append("sets", entries));
        }
        // the sets before the indexes that name them, so an index never names a set that is not there
        save(sets);
        save(changedIndexes);
    }

    /**
     * The set first, then the scope's index naming it alone, then the sets it replaces: a reader finds the old sets or
     * the new one, and a failure in between leaves at most sets that no index names.
     */
    @Override
    public void rememberInPlace(String scope, int k, long[] union) {
        String set = k + "|" + digest(union);
        Document index = mongo.findById(indexId(EVERY_STUDY, scope), Document.class, COLLECTION);
        List<Object> replaced = index == null ? List.of() : index.getList("sets", Object.class, List.of());
        if (replaced.equals(List.of(set))) {
            return;
        }
        List<Long> stored = new ArrayList<>(union.length);
        Arrays.stream(union).forEach(stored::add);
        save(List.of(new Document("_id", EVERY_STUDY + "|" + scope + "|" + set).append("scope", scope)
                .append("k", k).append("members", stored)));
        save(List.of(new Document("_id", indexId(EVERY_STUDY, scope)).append("scope", scope)
                .append("sets", List.of(set))));
        List<String> stale = replaced.stream().map(String::valueOf).filter(entry -> !entry.equals(set))
                .map(entry -> EVERY_STUDY + "|" + scope + "|" + entry).toList();
        if (!stale.isEmpty()) {
            mongo.remove(byIds(stale), COLLECTION);
        }
    }

    /** Stores these documents (replacing any with the same {@code _id}) in one round trip. */
    private void save(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION);
        for (Document document : documents) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(document.get("_id"))), document,
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
    }

    private static Query byIds(List<String> ids) {
        return new Query(Criteria.where("_id").in(ids)).cursorBatchSize(Math.max(1, ids.size()));
    }

    private static String indexId(String study, String scope) {
        return study + "|" + scope;
    }

    private static String setId(String study, String scope, String digest) {
        return study + "|" + scope + "|" + digest;
    }

    private static String digest(long[] members) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
            for (long member : members) {
                buffer.clear();
                buffer.putLong(member);
                sha.update(buffer.array());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
