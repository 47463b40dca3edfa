package nl.trajectorytracker.query.research;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What research needs of one trajectory, and nothing more: no free text, no title, no names of people other than
 * the actor identifiers, which are pseudonymised per study when read. {@code version} is the sequence number of the
 * last event applied, which makes the projection idempotent.
 */
@Document(ResearchTrajectory.COLLECTION)
public class ResearchTrajectory {

    public static final String COLLECTION = "research_trajectories";

    /** An organisation taking part, by name (pseudonymised when read) and type (kept). */
    public record PartyRef(String organisation, String type) {
    }

    /** A phase entered, and the sequence number of the step that entered it (-1 for the first phase). */
    public record PhaseEntry(String phase, Instant at, long sequence) {
    }

    public record TrustPoint(String phase, int person, int organisation, Instant at) {
    }

    /** A pitfall or success factor: the phase it is about and its tag. */
    public record LessonPoint(String kind, String phase, String tag) {
    }

    /**
     * One structured value of a step. {@code kind} says how it is released: {@code CATEGORY} as is, {@code NUMBER}
     * banded, {@code DATE} as days since the start, {@code TRAJECTORY} and {@code ORGANISATION} as pseudonyms.
     */
    public record StepField(String name, String kind, String text, Long number) {
    }

    public record Step(long sequence, String type, String phase, Instant at, String person, String organisation,
            List<StepField> fields) {
    }

    @Id
    String id;
    long version;
    Instant startedAt;
    String playbookVersion;
    String predecessorId;
    List<PartyRef> parties = new ArrayList<>();
    List<PhaseEntry> phases = new ArrayList<>();
    Instant concludedAt;
    String outcome;
    String contractModel;
    Integer contractDurationMonths;
    List<String> goalDimensions = new ArrayList<>();
    List<TrustPoint> trust = new ArrayList<>();
    List<LessonPoint> lessons = new ArrayList<>();
    @Transient
    List<Step> steps = new ArrayList<>();

    ResearchTrajectory() {
    }

    ResearchTrajectory(String id) {
        this.id = id;
    }

    /** The phase the trajectory was in when the step with this sequence number was taken. */
    String phaseAt(long sequence) {
        String phase = "INTERNAL_PREPARATION";
        for (PhaseEntry entry : phases) {
            if (entry.sequence() < sequence) {
                phase = entry.phase();
            }
        }
        return phase;
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public List<Step> steps() {
        return steps;
    }
}
