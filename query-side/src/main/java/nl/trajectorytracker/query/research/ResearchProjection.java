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
import nl.trajectorytracker.query.replay.DocumentStore;
import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * Keeps, per trajectory, what research needs: parties' types, phase entries, outcome, contract, goals' dimensions,
 * trust, pitfalls and success factors, and every step's structured values. Idempotent: an event at or below the
 * stored version is ignored.
 */
@Component
@ProcessingGroup(ResearchProjection.NAME)
public class ResearchProjection {

    public static final String NAME = "research";

    private final DocumentStore<ResearchTrajectory> trajectories;

    @Autowired
    public ResearchProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, ResearchTrajectory.class, ResearchTrajectory.COLLECTION));
    }

    ResearchProjection(DocumentStore<ResearchTrajectory> trajectories) {
        this.trajectories = trajectories;
    }

    @EventHandler
    void on(TrajectoryEvent event, @SequenceNumber long sequence) {
        String id = event.trajectoryId().value();
        ResearchTrajectory trajectory;
        if (event instanceof TrajectoryStarted started) {
            if (trajectories.find(id).isPresent()) {
                return;
            }
            trajectory = new ResearchTrajectory(id);
            trajectory.startedAt = started.occurredAt();
            trajectory.playbookVersion = started.playbookVersion();
            trajectory.predecessorId = started.predecessorId() == null ? null : started.predecessorId().value();
            started.parties().forEach(party -> trajectory.parties.add(
                    new PartyRef(party.organisationName(), party.type().name())));
            trajectory.phases.add(new PhaseEntry(Phase.INTERNAL_PREPARATION.name(), started.occurredAt()));
        } else {
            Optional<ResearchTrajectory> found = trajectories.find(id).filter(t -> sequence > t.version);
            if (found.isEmpty()) {
                return;
            }
            trajectory = found.get();
        }
        apply(trajectory, event, sequence);
        trajectory.version = sequence;
        trajectories.save(trajectory);
    }

    static void apply(ResearchTrajectory trajectory, TrajectoryEvent event, long sequence) {
        String phase = trajectory.currentPhase();
        trajectory.steps.add(new Step(sequence, event.getClass().getSimpleName(), phase, event.occurredAt(),
                event.actor() == null ? null : event.actor().principal(),
                event.actor() == null ? null : event.actor().organisation(), StepFields.of(event)));
        if (event instanceof PhaseAdvanced advanced) {
            trajectory.phases.add(new PhaseEntry(advanced.to().name(), advanced.occurredAt()));
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
        }
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
    }
}
