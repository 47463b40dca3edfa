package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What research needs of one trajectory, and only in a form research may release: keys instead of the trajectory's
 * id, organisation names and persons ({@link ResearchKeys#key}), the start as year and quarter, every later moment
 * as whole days since the start, no free text, and a tag only sealed beside its key. The exact start is kept
 * sealed, for the projection alone (it turns later moments into day offsets). {@code version} is the sequence number
 * of the last event applied, which makes the projection idempotent.
 */
@Document(ResearchTrajectory.COLLECTION)
public class ResearchTrajectory {

    public static final String COLLECTION = "research_trajectories";

    /** An organisation taking part, by key (re-keyed per study when read) and type. */
    public record PartyRef(String organisation, String type) {
    }

    /** A phase entered: on which day since the start, by the step with this sequence number (-1 for the first). */
    public record PhaseEntry(String phase, long day, long sequence) {
    }

    /** A trust assessment's scores, in the order the steps were taken. */
    public record TrustPoint(String phase, int person, int organisation, long sequence) {
    }

    /**
     * A pitfall or success factor: the phase it is about, its tag's key and sealed text, and the key of the
     * organisation that recorded it (a tag is released only when enough organisations use it).
     */
    public record LessonPoint(String kind, String phase, String tag, String sealedTag, String organisation) {
    }

    /**
     * One structured value of a step, in the form it is released. {@code kind} says how: {@code CATEGORY} and
     * {@code BAND} as the text, {@code DAY} as the number (days since the start date), {@code TRAJECTORY} and
     * {@code ORGANISATION} re-keyed per study, {@code TAG} as the tag's text when enough organisations use it.
     */
    public record StepField(String name, String kind, String text, Long number) {
    }

    /** A step: its type, the phase it was taken in, its day since the start, and the keys of who took it. */
    public record Step(long sequence, String type, String phase, long day, String person, String organisation,
            List<StepField> fields) {
    }

    @Id
    String id;
    long version;
    /** The start instant, sealed: only the projection opens it. */
    String start;
    int startYear;
    int startQuarter;
    String playbookVersion;
    String predecessor;
    /** How many steps the trajectory has, banded; updated only when it crosses a band's bound. */
    String size;
    List<PartyRef> parties = new ArrayList<>();
    /**
     * The keys of the organisations whose people recorded its steps: a subset of its parties' (only a party's
     * negotiators reach a trajectory). Research counts these, not the parties, when it asks for k organisations:
     * parties are whatever names the one who starts a trajectory types, so one organisation could invent them.
     */
    List<String> recorders = new ArrayList<>();
    List<PhaseEntry> phases = new ArrayList<>();
    Long concludedDay;
    String outcome;
    String contractModel;
    Integer contractDurationMonths;
    List<String> goalDimensions = new ArrayList<>();
    List<TrustPoint> trust = new ArrayList<>();
    List<LessonPoint> lessons = new ArrayList<>();
    @Transient
    List<Step> steps = new ArrayList<>();

    /** The first 64 bits of the key, as the release memory remembers the trajectory; made once, from the id. */
    @Transient
    private volatile Long prefix;

    ResearchTrajectory() {
    }

    long prefix() {
        Long made = prefix;
        if (made == null) {
            made = Long.parseUnsignedLong(id.substring(0, 16), 16);
            prefix = made;
        }
        return made;
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

    /** The sorted party types, joined: the party-type combination. */
    String partyTypes() {
        return parties.stream().map(PartyRef::type).sorted().reduce((a, b) -> a + ";" + b).orElse("");
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
