package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;

/**
 * Every step of every trajectory as research sees it, one document per step ({@code _id} = the trajectory's key and
 * the sequence number), written once and never changed. Kept apart from the trajectory's summary so that a step costs
 * one small insert however long the trajectory's history already is; only the histories view reads them.
 *
 * <p>A step is stored as its JSON text, one string, not as a nested document with a sub-document per field: the
 * histories export reads every step of a study, and the database then decodes, sizes and sends one value a step
 * instead of a few dozen. The text holds only what the nested form held: keys, codes, bands and days.
 *
 * <p>A trajectory's steps are read by their ids, which are known in advance (its sequence numbers run from 0 without
 * gaps, so a window that comes back short has passed the last step): a window of ids at a time, every id looked up
 * in the collection's unique {@code _id} index, so a read never scans the collection whatever its size.
 */
@Component
public class ResearchSteps {

    public static final String COLLECTION = "research_steps";

    /** The ids asked for at a time; a window that comes back full is followed by a larger one. */
    private static final int MAX_IDS_PER_QUERY = 4_000;

    /**
     * A step and its fields as JSON arrays of their values, in the order below: the names would be most of the text.
     * A text in another form fails the read (a read model of an older shape is rebuilt at start-up).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .addMixIn(Step.class, StepAsArray.class)
            .addMixIn(StepField.class, StepFieldAsArray.class);

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"sequence", "type", "phase", "day", "person", "organisation", "fields"})
    private interface StepAsArray {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"name", "kind", "text", "number"})
    private interface StepFieldAsArray {
    }

    private final MongoOperations mongo;
    private final String collection;
    /** {@code _id} (the trajectory's key, a slash, the sequence number) and {@code step} (the JSON text). */
    private final DocumentStore<Document> steps;

    @Autowired
    public ResearchSteps(MongoOperations mongo) {
        this(mongo, COLLECTION);
    }

    /** The steps kept in another collection: a fresh copy of the read model, as the consistency check makes. */
    ResearchSteps(MongoOperations mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
        this.steps = new DocumentStore<>(mongo, Document.class, collection).writtenOnce();
    }

    /** Records a step; recording the same step again changes nothing. */
    void record(String trajectory, Step step) {
        try {
            steps.save(new Document("_id", id(trajectory, step.sequence())).append("step",
                    JSON.writeValueAsString(step)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write step " + step.sequence() + " as JSON", e);
        }
    }

    private static String id(String trajectory, long sequence) {
        return trajectory + "/" + padded(sequence);
    }

    /**
     * Nineteen digits, so that ids sort by sequence; without {@code String.format}, which parses its pattern and
     * makes a {@code Formatter} for every step projected.
     */
    static String padded(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(Math.max(0, 19 - digits.length())) + digits;
    }

    /** Gives each trajectory its steps, in the order they were taken. */
    void attachTo(Collection<ResearchTrajectory> trajectories) {
        Map<String, List<Step>> found = read(trajectories);
        for (ResearchTrajectory trajectory : trajectories) {
            trajectory.steps = found.get(trajectory.id);
        }
    }

    /** The steps of these trajectories, by trajectory key, each list in the order the steps were taken. */
    Map<String, List<Step>> read(Collection<ResearchTrajectory> trajectories) {
        Map<String, List<Step>> found = new HashMap<>();
        Map<String, Long> next = new LinkedHashMap<>();
        Map<String, Integer> window = new HashMap<>();
        for (ResearchTrajectory trajectory : trajectories) {
            found.put(trajectory.id, new ArrayList<>());
            next.put(trajectory.id, 0L);
            window.put(trajectory.id, firstWindow(trajectory.size));
        }
        while (!next.isEmpty()) {
            List<String> ids = new ArrayList<>();
            Map<String, Long> asked = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : next.entrySet()) {
                int size = window.get(entry.getKey());
                if (!ids.isEmpty() && ids.size() + size > MAX_IDS_PER_QUERY) {
                    break;
                }
                for (long sequence = entry.getValue(); sequence < entry.getValue() + size; sequence++) {
                    ids.add(id(entry.getKey(), sequence));
                }
                asked.put(entry.getKey(), entry.getValue() + size);
            }
            Map<String, Integer> counted = new HashMap<>();
            Query query = new Query(Criteria.where("_id").in(ids)).cursorBatchSize(ids.size());
            for (Document stored : mongo.find(query, Document.class, collection)) {
                String id = stored.getString("_id");
                String trajectory = id.substring(0, id.lastIndexOf('/'));
                found.get(trajectory).add(step(stored.getString("step")));
                counted.merge(trajectory, 1, Integer::sum);
            }
            asked.forEach((trajectory, end) -> {
                if (counted.getOrDefault(trajectory, 0) < window.get(trajectory)) {
                    next.remove(trajectory); // fewer than asked for: past the last step
                } else {
                    next.put(trajectory, end);
                    window.put(trajectory, Math.min(MAX_IDS_PER_QUERY, window.get(trajectory) * 2));
                }
            });
        }
        found.values().forEach(steps -> steps.sort(Comparator.comparingLong(Step::sequence)));
        return found;
    }

    private static Step step(String json) {
        try {
            return JSON.readValue(json, Step.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored research step is not a step: " + e.getOriginalMessage(), e);
        }
    }

    /** Enough ids for the whole trajectory as far as its size band says, and one more to see that it ends there. */
    private static int firstWindow(String size) {
        if (size == null) {
            return 32;
        }
        return switch (size) {
            case "1-10" -> 11;
            case "11-25" -> 26;
            case "26-50" -> 51;
            case "51-100" -> 101;
            default -> 256;
        };
    }

    void clear() {
        steps.clear();
    }
}
