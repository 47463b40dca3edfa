package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;

/**
 * Every step of every trajectory as research sees it, one document per step ({@code _id} = trajectory id and
 * sequence number), written once and never changed. Kept apart from the trajectory's summary so that a step costs
 * one small insert however long the trajectory's history already is; only the histories view reads them.
 */
@Component
public class ResearchSteps {

    public static final String COLLECTION = "research_steps";

    /** One step, with the trajectory it belongs to. */
    record StoredStep(@Id String id, String trajectory, Step step) {
    }

    private final MongoOperations mongo;
    private final DocumentStore<StoredStep> steps;

    public ResearchSteps(MongoOperations mongo) {
        this.mongo = mongo;
        this.steps = new DocumentStore<>(mongo, StoredStep.class, COLLECTION).writtenOnce();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("trajectory", Sort.Direction.ASC)
                .named("steps_of_trajectory"));
    }

    /** Records a step; recording the same step again changes nothing. */
    void record(String trajectoryId, Step step) {
        steps.save(new StoredStep(trajectoryId + "/" + padded(step.sequence()), trajectoryId, step));
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
        Map<String, List<Step>> byTrajectory = new HashMap<>();
        List<String> ids = trajectories.stream().map(ResearchTrajectory::id).toList();
        for (StoredStep stored : mongo.find(new Query(Criteria.where("trajectory").in(ids)), StoredStep.class,
                COLLECTION)) {
            byTrajectory.computeIfAbsent(stored.trajectory(), id -> new ArrayList<>()).add(stored.step());
        }
        for (ResearchTrajectory trajectory : trajectories) {
            List<Step> found = byTrajectory.getOrDefault(trajectory.id(), new ArrayList<>());
            found.sort(Comparator.comparingLong(Step::sequence));
            trajectory.steps = found;
        }
    }

    void clear() {
        steps.clear();
    }
}
