package nl.trajectorytracker.query.research;

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
import nl.trajectorytracker.query.readmodel.StoredShape;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * Keeps, per trajectory, what research needs: parties' types, phase entries, outcome, contract, goals' dimensions,
 * trust, pitfalls and success factors, and every step's structured values. Idempotent: a step is stored under its
 * own sequence number, and an event at or below the summary's version does not change the summary again.
 */
@Component
@ProcessingGroup(ResearchProjection.NAME)
@StoredShape(2) // 2: steps in their own documents, phase entries with their sequence number
public class ResearchProjection {

    public static final String NAME = "research";

    private final DocumentStore<ResearchTrajectory> trajectories;
    private final ResearchSteps steps;

    @Autowired
    public ResearchProjection(MongoOperations mongo, ResearchSteps steps) {
        this(new DocumentStore<>(mongo, ResearchTrajectory.class, ResearchTrajectory.COLLECTION), steps);
    }

    ResearchProjection(DocumentStore<ResearchTrajectory> trajectories, ResearchSteps steps) {
        this.trajectories = trajectories;
        this.steps = steps;
    }

    @EventHandler
    void on(TrajectoryEvent event, @SequenceNumber long sequence) {
        String id = event.trajectoryId().value();
        Optional<ResearchTrajectory> found = trajectories.find(id);
        if (found.isEmpty() && event instanceof TrajectoryStarted started) {
            found = Optional.of(started(id, started, sequence));
            trajectories.save(found.get());
        }
        if (found.isEmpty()) {
            return; // a step before the trajectory's start: nothing to file it under
        }
        ResearchTrajectory trajectory = found.get();
        steps.record(id, step(trajectory, event, sequence));
        if (sequence > trajectory.version && summarise(trajectory, event, sequence)) {
            trajectory.version = sequence;
            trajectories.save(trajectory);
        }
    }

    private static ResearchTrajectory started(String id, TrajectoryStarted started, long sequence) {
        ResearchTrajectory trajectory = new ResearchTrajectory(id);
        trajectory.version = sequence;
        trajectory.startedAt = started.occurredAt();
        trajectory.playbookVersion = started.playbookVersion();
        trajectory.predecessorId = started.predecessorId() == null ? null : started.predecessorId().value();
        started.parties().forEach(party -> trajectory.parties.add(
                new PartyRef(party.organisationName(), party.type().name())));
        trajectory.phases.add(new PhaseEntry(Phase.INTERNAL_PREPARATION.name(), started.occurredAt(), -1));
        return trajectory;
    }

    private static Step step(ResearchTrajectory trajectory, TrajectoryEvent event, long sequence) {
        return new Step(sequence, event.getClass().getSimpleName(), trajectory.phaseAt(sequence), event.occurredAt(),
                event.actor() == null ? null : event.actor().principal(),
                event.actor() == null ? null : event.actor().organisation(), StepFields.of(event));
    }

    /** Applies what the event changes in the trajectory's summary; false when it changes nothing there. */
    private static boolean summarise(ResearchTrajectory trajectory, TrajectoryEvent event, long sequence) {
        String phase = trajectory.phaseAt(sequence);
        if (event instanceof PhaseAdvanced advanced) {
            trajectory.phases.add(new PhaseEntry(advanced.to().name(), advanced.occurredAt(), sequence));
        } else if (event instanceof TrajectoryConcluded concluded) {
            trajectory.concludedAt = concluded.occurredAt();
            trajectory.outcome = concluded.outcome().name();
        } else if (event instanceof AgreementSigned signed) {
            contract(trajectory, signed.terms());
        } else if (event instanceof ContractAmended amended && amended.newTerms() != null) {
            contract(trajectory, amended.newTerms());
        } else if (event instanceof GoalAgreed goal && goal.dimension() != null) {
            trajectory.goalDimensions.add(goal.dimension().name());
        } else if (event instanceof TrustAssessed trust) {
            trajectory.trust.add(new TrustPoint(trust.phase() == null ? phase : trust.phase().name(),
                    trust.personTrust().value(), trust.organisationTrust().value(), trust.occurredAt()));
        } else if (event instanceof PitfallRecorded pitfall) {
            trajectory.lessons.add(new LessonPoint("PITFALL",
                    pitfall.aboutPhase() == null ? phase : pitfall.aboutPhase().name(), tag(pitfall.tag())));
        } else if (event instanceof SuccessFactorRecorded factor) {
            trajectory.lessons.add(new LessonPoint("SUCCESS_FACTOR",
                    factor.aboutPhase() == null ? phase : factor.aboutPhase().name(), tag(factor.tag())));
        } else {
            return false;
        }
        return true;
    }

    private static void contract(ResearchTrajectory trajectory, Terms terms) {
        if (terms != null) {
            trajectory.contractModel = terms.model().name();
            trajectory.contractDurationMonths = terms.durationMonths();
        }
    }

    private static String tag(String tag) {
        return tag == null || tag.isBlank() ? "(untagged)" : tag.strip().toLowerCase(java.util.Locale.ROOT);
    }

    @ResetHandler
    void reset() {
        trajectories.clear();
        steps.clear();
    }
}
