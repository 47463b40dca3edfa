package nl.trajectorytracker.query.phasestate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.query.phasestate.PhaseState.PhaseSection;
import nl.trajectorytracker.query.readmodel.BatchedWrites;

/**
 * The phase-state read model in two collections. {@code phase_state} holds one document per trajectory ({@code _id} =
 * its id): the version, the last event, the state without the lists of its phases (but with each phase's open
 * questions, which the playbook bounds and which shrink as questions are answered), and how many items each of those
 * lists has ({@code items}, by path, such as {@code "coDesign.notes": 3}). {@code phase_state_items} holds one
 * document per item of those lists ({@code _id} = trajectory id, path and index: {@code <id>/coDesign.notes/2}). A
 * step writes its trajectory's document and the items it added or changed, however long the history; a state is read
 * with its document and then its items, whose ids the counts give. Every read and write is by {@code _id}.
 *
 * <p>Items are written before the document that counts them, so a document never counts an item that is not
 * stored; a read while a batch is written may see an item of the next version. Within a batch of events (see
 * {@link BatchedWrites}) a state is read once and written at the batch's end. Between batches the states written or
 * read last are kept decoded, and used again while their trajectory's stored version is theirs: a trajectory with a
 * long history is then not read whole for every step.
 */
@Component
public class PhaseStateDocuments {

    static final String COLLECTION = "phase_state";
    static final String ITEMS = "phase_state_items";
    /** The list of each phase that stays in the trajectory's document. */
    private static final String OPEN_QUESTIONS = "openQuestions";
    /** Where the read model kept the older items of long lists before they had a document each. */
    private static final String FORMER_BUCKETS = "phase_state_buckets";
    private static final int KEPT_STATES = 2_000;
    private static final int IDS_PER_QUERY = 1_000;

    /** The name of each phase's section in the state's JSON. */
    private static final Map<Phase, String> SECTIONS = Map.of(
            Phase.INTERNAL_PREPARATION, "internalPreparation",
            Phase.CO_DESIGN, "coDesign",
            Phase.NEGOTIATION, "negotiation",
            Phase.RUNNING_AGREEMENT, "runningAgreement",
            Phase.AFTER_AGREEMENT, "afterAgreement");

    private final MongoOperations mongo;
    private final String prefix;
    private final String batchKey;
    private final Cache<String, Stored> kept = Caffeine.newBuilder().maximumSize(KEPT_STATES).build();

    @Autowired
    public PhaseStateDocuments(MongoOperations mongo) {
        this(mongo, "");
    }

    /** Writing into collections whose names begin with {@code prefix} (a scratch copy for a consistency check). */
    PhaseStateDocuments(MongoOperations mongo, String prefix) {
        this.mongo = mongo;
        this.prefix = prefix;
        this.batchKey = PhaseStateDocuments.class.getName() + "/" + prefix;
    }

    /** The stored state of one trajectory with the last event it includes. */
    public record Stored(PhaseState state, LastEvent lastEvent) {
    }

    public Optional<Stored> find(String trajectoryId) {
        Batch batch = batch();
        return batch != null ? batch.find(trajectoryId)
                : Optional.ofNullable(read(Set.of(trajectoryId)).get(trajectoryId));
    }

    public void save(PhaseState state, LastEvent lastEvent) {
        Stored next = new Stored(state, lastEvent);
        Batch batch = batch();
        if (batch != null) {
            batch.changed.put(state.trajectoryId(), next);
        } else {
            Stored before = read(Set.of(state.trajectoryId())).get(state.trajectoryId());
            write(Map.of(state.trajectoryId(), next), id -> before);
        }
    }

    public void deleteAll() {
        Batch batch = batch();
        if (batch != null) {
            batch.stored.clear();
            batch.changed.clear();
        }
        kept.invalidateAll();
        mongo.remove(new Query(), documents());
        mongo.remove(new Query(), items());
        mongo.dropCollection(prefix + FORMER_BUCKETS);
    }

    private Batch batch() {
        return BatchedWrites.forCurrentBatch(batchKey, Batch::new);
    }

    private String documents() {
        return prefix + COLLECTION;
    }

    private String items() {
        return prefix + ITEMS;
    }

    // ---------------------------------------------------------------- reading

    /** The stored states of these trajectories; those without a document are left out. */
    private Map<String, Stored> read(Collection<String> ids) {
        Map<String, Stored> found = new HashMap<>();
        List<Document> toDecode = new ArrayList<>();
        for (Document document : byIds(documents(), ids)) {
            String id = document.getString("_id");
            Stored known = kept.getIfPresent(id);
            if (known != null && known.state().version() == ((Number) document.get("version")).longValue()) {
                found.put(id, known);
            } else {
                toDecode.add(document);
            }
        }
        List<String> itemIds = new ArrayList<>();
        toDecode.forEach(document -> counts(document).forEach((path, count) -> {
            for (int index = 0; index < count; index++) {
                itemIds.add(itemId(document.getString("_id"), path, index));
            }
        }));
        Map<String, Object> itemsById = new HashMap<>();
        byIds(items(), itemIds).forEach(item -> itemsById.put(item.getString("_id"), item.get("item")));
        for (Document document : toDecode) {
            Stored decoded = decode(document, itemsById);
            kept.put(decoded.state().trajectoryId(), decoded);
            found.put(decoded.state().trajectoryId(), decoded);
        }
        return found;
    }

    /** The documents with these ids, a bounded number of ids per query, each query answered in one reply. */
    private List<Document> byIds(String collection, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<Document> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> some = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            found.addAll(mongo.find(new Query(Criteria.where("_id").in(some)).cursorBatchSize(some.size()),
                    Document.class, collection));
        }
        return found;
    }

    private static Stored decode(Document document, Map<String, Object> itemsById) {
        String id = document.getString("_id");
        Map<String, Object> state = new LinkedHashMap<>(document.get("state", Document.class));
        SECTIONS.values().forEach(section -> state.put(section, new LinkedHashMap<String, Object>(
                state.get(section) instanceof Map<?, ?> stored ? stringKeyed(stored) : Map.of())));
        counts(document).forEach((path, count) -> {
            int dot = path.indexOf('.');
            List<Object> list = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                String itemId = itemId(id, path, index);
                if (!itemsById.containsKey(itemId)) {
                    throw new IllegalStateException("Item " + itemId + " of the phase state is missing");
                }
                list.add(itemsById.get(itemId));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) state.get(path.substring(0, dot));
            section.put(path.substring(dot + 1), list);
        });
        Document last = document.get("lastEvent", Document.class);
        LastEvent lastEvent = last == null ? null : new LastEvent(((Number) last.get("sequence")).longValue(),
                last.getString("type"), instant(last.getString("occurredAt")),
                instant(last.getString("recordedAt")));
        return new Stored(PhaseStateJson.fromMap(state), lastEvent);
    }

    private static Map<String, Integer> counts(Document document) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Document stored = document.get("items", Document.class);
        if (stored != null) {
            stored.forEach((path, count) -> counts.put(path, ((Number) count).intValue()));
        }
        return counts;
    }

    // ---------------------------------------------------------------- writing

    /** What was stored before a state: the items the new one shares with it are not written again. */
    @FunctionalInterface
    private interface Before {
        Stored of(String trajectoryId);
    }

    /** Writes the states' new and changed items, then their documents, then drops the items they no longer have. */
    private void write(Map<String, Stored> states, Before before) {
        List<Document> itemWrites = new ArrayList<>();
        List<Document> documentWrites = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        states.forEach((id, next) -> {
            Stored previous = before.of(id);
            Map<String, List<?>> was = previous == null ? Map.of() : lists(previous.state());
            Map<String, Integer> counts = new LinkedHashMap<>();
            lists(next.state()).forEach((path, list) -> {
                List<?> old = was.getOrDefault(path, List.of());
                for (int index = 0; index < list.size(); index++) {
                    if (index >= old.size() || !Objects.equals(old.get(index), list.get(index))) {
                        itemWrites.add(new Document("_id", itemId(id, path, index))
                                .append("item", PhaseStateJson.itemToPlain(list.get(index))));
                    }
                }
                for (int index = list.size(); index < old.size(); index++) {
                    dropped.add(itemId(id, path, index));
                }
                if (!list.isEmpty()) {
                    counts.put(path, list.size());
                }
            });
            documentWrites.add(document(next, counts));
        });
        store(items(), itemWrites);
        store(documents(), documentWrites);
        if (!dropped.isEmpty()) {
            mongo.remove(new Query(Criteria.where("_id").in(dropped)), items());
        }
        states.values().forEach(stored -> kept.put(stored.state().trajectoryId(), stored));
    }

    /** Stores the documents under their {@code _id}s, in one round trip. */
    private void store(String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        for (Document document : documents) {
            bulk.replaceOne(new Query(Criteria.where("_id").is(document.get("_id"))), document,
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
    }

    private static Document document(Stored stored, Map<String, Integer> counts) {
        PhaseState state = stored.state();
        Map<String, Object> withoutPhases = PhaseStateJson.toMap(new PhaseState(state.trajectoryId(), state.title(),
                state.parties(), state.playbookVersion(), state.predecessorId(), state.currentPhase(),
                state.version(), state.lastRecordedAt(), state.lastOccurredAt(), state.unknownEvents(),
                state.unknownEventTypes(), state.progress(), null, null, null, null, null, state.conclusion(),
                state.followUps()));
        for (Phase phase : Phase.values()) {
            withoutPhases.put(SECTIONS.get(phase), new Document(OPEN_QUESTIONS,
                    PhaseStateJson.itemToPlain(state.section(phase).openQuestions())));
        }
        LastEvent lastEvent = stored.lastEvent();
        return new Document("_id", state.trajectoryId())
                .append("version", state.version())
                .append("lastEvent", new Document("sequence", lastEvent.sequence())
                        .append("type", lastEvent.type())
                        .append("occurredAt", text(lastEvent.occurredAt()))
                        .append("recordedAt", text(lastEvent.recordedAt())))
                .append("state", new Document(withoutPhases))
                .append("items", new Document(new LinkedHashMap<String, Object>(counts)));
    }

    /**
     * The lists of a state's phases that have a document per item, by path ({@code coDesign.notes}), in the order of
     * the phases and their fields.
     */
    private static Map<String, List<?>> lists(PhaseState state) {
        Map<String, List<?>> lists = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            PhaseSection section = state.section(phase);
            for (RecordComponent component : section.getClass().getRecordComponents()) {
                if (component.getName().equals(OPEN_QUESTIONS)) {
                    continue;
                }
                try {
                    lists.put(SECTIONS.get(phase) + "." + component.getName(),
                            (List<?>) component.getAccessor().invoke(section));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + component, e);
                }
            }
        }
        return lists;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String itemId(String trajectoryId, String path, int index) {
        return trajectoryId + "/" + path + "/" + index;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** The states one batch of events read and changed; the changed ones are written together at its end. */
    private final class Batch implements Runnable {

        private final BatchingUnitOfWork<?> unitOfWork;
        /** As stored (or written by this batch already); empty: no document. */
        private final Map<String, Optional<Stored>> stored = new HashMap<>();
        private final Map<String, Stored> changed = new LinkedHashMap<>();
        private boolean prefetched;

        Batch(BatchingUnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        Optional<Stored> find(String id) {
            Stored current = changed.get(id);
            if (current != null) {
                return Optional.of(current);
            }
            if (!stored.containsKey(id)) {
                Set<String> ids = prefetched ? Set.of(id) : idsInBatch(id);
                prefetched = true;
                Map<String, Stored> found = read(ids);
                ids.forEach(wanted -> stored.put(wanted, Optional.ofNullable(found.get(wanted))));
            }
            return stored.get(id);
        }

        /** The wanted id and those of every other trajectory of the batch not read yet: read in one go. */
        private Set<String> idsInBatch(String wanted) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(wanted);
            for (var message : unitOfWork.getMessages()) {
                if (message instanceof DomainEventMessage<?> domain
                        && !stored.containsKey(domain.getAggregateIdentifier())) {
                    ids.add(domain.getAggregateIdentifier());
                }
            }
            return ids;
        }

        @Override
        public void run() {
            if (changed.isEmpty()) {
                return;
            }
            write(changed, id -> stored.getOrDefault(id, Optional.empty()).orElse(null));
            changed.forEach((id, state) -> stored.put(id, Optional.of(state)));
            changed.clear();
        }
    }
}
