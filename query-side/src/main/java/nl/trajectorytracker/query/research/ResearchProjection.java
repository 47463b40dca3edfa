package nl.trajectorytracker.query.research;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.ContractAmended;
import nl.trajectorytracker.api.events.GoalAgreed;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.PitfallRecorded;
import nl.trajectorytracker.api.events.SuccessFactorRecorded;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.readmodel.StoredShape;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * Keeps, per trajectory, what research needs in the form research may release: parties' types and keys, phase
 * entries as days since the start, outcome, contract, goals' dimensions, trust, pitfalls and success factors, and
 * every step's structured values. No trajectory id, organisation name, person or tag is stored in plain text, and
 * no moment more exactly than its day since the start (see {@link ResearchTrajectory}). Idempotent: a step is
 * stored under its own sequence number, and an event at or below the summary's version does not change the summary
 * again.
 */
@Component
@ProcessingGroup(ResearchProjection.NAME)
// 3: keys instead of ids and names, days instead of instants, sealed tags, banded numbers
// 4: a research step stored as its JSON text; 5: as a JSON array of its values; 6: the organisations that recorded
@StoredShape(6)
public class ResearchProjection implements ReplayableProjection {

    public static final String NAME = "research";

    /** Where the number of steps crosses into the next band of {@link #size}. */
    private static final long[] SIZE_BOUNDS = {1, 11, 26, 51, 101, 251};
    private static final String[] SIZE_BANDS = {"1-10", "11-25", "26-50", "51-100", "101-250", "251+"};

    private final DocumentStore<ResearchTrajectory> trajectories;
    private final ResearchSteps steps;
    private final ResearchKeys keys;
    private final ResearchRevision revision;

    @Autowired
    public ResearchProjection(MongoOperations mongo, ResearchSteps steps, ResearchKeys keys) {
        this(new DocumentStore<>(mongo, ResearchTrajectory.class, ResearchTrajectory.COLLECTION), steps, keys,
                new ResearchRevision(mongo, ResearchRevision.COLLECTION));
    }

    ResearchProjection(DocumentStore<ResearchTrajectory> trajectories, ResearchSteps steps, ResearchKeys keys,
            ResearchRevision revision) {
        this.trajectories = trajectories.keyedBy(id -> keys.key("trajectory", id));
        this.steps = steps;
        this.keys = keys;
        this.revision = revision;
    }

    @EventHandler
    void on(TrajectoryEvent event, @SequenceNumber long sequence) {
        String id = keys.key("trajectory", event.trajectoryId().value());
        Optional<ResearchTrajectory> found = trajectories.find(id);
        if (found.isEmpty() && event instanceof TrajectoryStarted started) {
            found = Optional.of(started(id, started, sequence));
            trajectories.save(found.get());
        }
        if (found.isEmpty()) {
            return; // a step before the trajectory's start: nothing to file it under
        }
        ResearchTrajectory trajectory = found.get();
        Instant start = Instant.parse(keys.open(sealContext(id), trajectory.start));
        steps.record(id, step(trajectory, start, event, sequence));
        if (sequence > trajectory.version) {
            boolean changed = summarise(trajectory, start, event, sequence);
            changed |= resize(trajectory, sequence);
            changed |= recordedBy(trajectory, event);
            if (changed) {
                trajectory.version = sequence;
                trajectories.save(trajectory);
            }
        }
        // last, so that within a batch the revision is written after what it announces
        revision.applied(keys, id, sequence);
    }

    private ResearchTrajectory started(String id, TrajectoryStarted started, long sequence) {
        ResearchTrajectory trajectory = new ResearchTrajectory(id);
        ZonedDateTime start = started.occurredAt().atZone(ZoneOffset.UTC);
        trajectory.version = sequence;
        trajectory.start = keys.sealDeterministic(sealContext(id), started.occurredAt().toString());
        trajectory.startYear = start.getYear();
        trajectory.startQuarter = (start.getMonthValue() - 1) / 3 + 1;
        trajectory.playbookVersion = started.playbookVersion();
        trajectory.predecessor = started.predecessorId() == null ? null
                : keys.key("trajectory", started.predecessorId().value());
        trajectory.size = SIZE_BANDS[0];
        started.parties().forEach(party -> trajectory.parties.add(
                new PartyRef(keys.key("organisation", party.organisationName()), party.type().name())));
        trajectory.phases.add(new PhaseEntry(Phase.INTERNAL_PREPARATION.name(), 0, -1));
        recordedBy(trajectory, started);
        return trajectory;
    }

    /** Adds the organisation of the step's actor to those that recorded the trajectory; false when it was one. */
    private boolean recordedBy(ResearchTrajectory trajectory, TrajectoryEvent event) {
        if (event.actor() == null || event.actor().organisation() == null) {
            return false;
        }
        String organisation = keys.key("organisation", event.actor().organisation());
        if (trajectory.recorders.contains(organisation)) {
            return false;
        }
        trajectory.recorders.add(organisation);
        return true;
    }

    /** The context the start is sealed in: the trajectory's key, so a sealed start cannot be moved to another. */
    private static String sealContext(String id) {
        return "start/" + id;
    }

    private Step step(ResearchTrajectory trajectory, Instant start, TrajectoryEvent event, long sequence) {
        LocalDate startDate = start.atZone(ZoneOffset.UTC).toLocalDate();
        return new Step(sequence, event.getClass().getSimpleName(), trajectory.phaseAt(sequence),
                day(start, event.occurredAt()),
                event.actor() == null ? null : keys.key("person", event.actor().principal()),
                event.actor() == null ? null : keys.key("organisation", event.actor().organisation()),
                new StepFields(keys, startDate, trajectory.playbookVersion).of(event));
    }

    private static long day(Instant start, Instant at) {
        return Duration.between(start, at).toDays();
    }

    /** Moves the trajectory's size into the next band when this step crosses its bound. */
    private static boolean resize(ResearchTrajectory trajectory, long sequence) {
        long count = sequence + 1;
        for (int i = SIZE_BOUNDS.length - 1; i > 0; i--) {
            if (count >= SIZE_BOUNDS[i]) {
                if (SIZE_BANDS[i].equals(trajectory.size)) {
                    return false;
                }
                trajectory.size = SIZE_BANDS[i];
                return true;
            }
        }
        return false;
    }

    /** Applies what the event changes in the trajectory's summary; false when it changes nothing there. */
    private boolean summarise(ResearchTrajectory trajectory, Instant start, TrajectoryEvent event, long sequence) {
        String phase = trajectory.phaseAt(sequence);
        if (event instanceof PhaseAdvanced advanced) {
            trajectory.phases.add(new PhaseEntry(advanced.to().name(), day(start, advanced.occurredAt()), sequence));
        } else if (event instanceof TrajectoryConcluded concluded) {
            trajectory.concludedDay = day(start, concluded.occurredAt());
            trajectory.outcome = concluded.outcome().name();
        } else if (event instanceof AgreementSigned signed) {
            contract(trajectory, signed.terms());
        } else if (event instanceof ContractAmended amended && amended.newTerms() != null) {
            contract(trajectory, amended.newTerms());
        } else if (event instanceof GoalAgreed goal && goal.dimension() != null) {
            trajectory.goalDimensions.add(goal.dimension().name());
        } else if (event instanceof TrustAssessed trust) {
            trajectory.trust.add(new TrustPoint(trust.phase() == null ? phase : trust.phase().name(),
                    trust.personTrust().value(), trust.organisationTrust().value(), sequence));
        } else if (event instanceof PitfallRecorded pitfall) {
            trajectory.lessons.add(lesson("PITFALL", pitfall.aboutPhase() == null ? phase
                    : pitfall.aboutPhase().name(), pitfall.tag(), event));
        } else if (event instanceof SuccessFactorRecorded factor) {
            trajectory.lessons.add(lesson("SUCCESS_FACTOR", factor.aboutPhase() == null ? phase
                    : factor.aboutPhase().name(), factor.tag(), event));
        } else {
            return false;
        }
        return true;
    }

    private LessonPoint lesson(String kind, String phase, String tag, TrajectoryEvent event) {
        String normalised = StepFields.normalisedTag(tag);
        String key = keys.key("tag", normalised);
        return new LessonPoint(kind, phase, key, keys.sealDeterministic("tag/" + key, normalised),
                event.actor() == null ? null : keys.key("organisation", event.actor().organisation()));
    }

    private static void contract(ResearchTrajectory trajectory, Terms terms) {
        if (terms != null) {
            trajectory.contractModel = terms.model().name();
            trajectory.contractDurationMonths = terms.durationMonths();
        }
    }

    @ResetHandler
    void reset() {
        trajectories.clear();
        steps.clear();
        revision.clear();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        // the revision last: a reader that sees a new revision sees the collections it announces
        return List.of(ResearchTrajectory.COLLECTION, ResearchSteps.COLLECTION, ResearchRevision.COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new ResearchProjection(new DocumentStore<>(mongo, ResearchTrajectory.class,
                prefix + ResearchTrajectory.COLLECTION), new ResearchSteps(mongo, prefix + ResearchSteps.COLLECTION),
                keys, new ResearchRevision(mongo, prefix + ResearchRevision.COLLECTION));
    }
}
