package nl.trajectorytracker.query.decisionhistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.ContractAmended;
import nl.trajectorytracker.api.events.DecisionRecorded;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.GoNoGoDecided;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.ProposalAccepted;
import nl.trajectorytracker.api.events.ProposalRejected;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.readmodel.StoredShape;

/**
 * Writes the decision history: explicit decisions and the other decision-like steps (go/no-go, BATNA, answers to
 * proposals, signing, phase changes and gate overrides, amendments, conclusion) and missed evaluations.
 */
@Component
@ProcessingGroup(DecisionHistoryProjection.NAME)
@StoredShape(1)
public class DecisionHistoryProjection implements ReplayableProjection {

    public static final String NAME = "decision-history";
    public static final String COLLECTION = "decision_history";

    private final DocumentStore<DecisionHistory> histories;

    @Autowired
    public DecisionHistoryProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, DecisionHistory.class, COLLECTION));
    }

    DecisionHistoryProjection(DocumentStore<DecisionHistory> histories) {
        this.histories = histories;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        if (histories.find(event.trajectoryId().value()).isEmpty()) {
            histories.save(new DecisionHistory(event.trajectoryId().value(), event.parties(),
                    Phase.INTERNAL_PREPARATION, List.of(), sequence));
        }
    }

    @EventHandler
    void on(DecisionRecorded e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, e.phase(), history -> entry(e, sequence, DecisionType.DECISION, e.phase(),
                e.decision(), e.rationale(), e.alternativesConsidered(), e.evidence(), e.guidingQuestionId(),
                e.agreedBy(), e.decisionId(), false));
    }

    @EventHandler
    void on(GoNoGoDecided e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.GO_NO_GO, history.phase(),
                e.decision() + " at " + e.moment(), e.why(), null, null, null, null, e.moment(), e.correction()));
    }

    @EventHandler
    void on(BatnaDefined e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.BATNA_DEFINED, history.phase(),
                e.batna(), e.why(), null, null, null, null, null, e.correction()));
    }

    @EventHandler
    void on(BatnaRevised e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.BATNA_REVISED, history.phase(),
                e.batna(), e.why(), null, null, null, null, null, e.correction()));
    }

    @EventHandler
    void on(ProposalAccepted e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.PROPOSAL_ACCEPTED,
                history.phase(), "Proposal " + e.proposalId() + " accepted by " + e.by(), null, null, null, null,
                List.of(e.by()), e.proposalId(), e.correction()));
    }

    @EventHandler
    void on(ProposalRejected e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.PROPOSAL_REJECTED,
                history.phase(), "Proposal " + e.proposalId() + " rejected by " + e.by(), e.why(), null, null, null,
                List.of(e.by()), e.proposalId(), e.correction()));
    }

    @EventHandler
    void on(AgreementSigned e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        List<String> signatories = e.signatories().stream()
                .map(signatory -> signatory.name() + " (" + signatory.organisation() + ")")
                .toList();
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.AGREEMENT_SIGNED,
                history.phase(), "Agreement signed: " + e.terms().model() + ", " + e.terms().durationMonths()
                        + " months, " + e.startDate() + " to " + e.endDate(),
                e.terms().description(), null, null, null, signatories, null, e.correction()));
    }

    @EventHandler
    void on(PhaseAdvanced e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        DecisionType type = e.gateOverridden() ? DecisionType.PHASE_GATE_OVERRIDDEN : DecisionType.PHASE_ADVANCED;
        List<String> overridden = e.overriddenConditions().stream().map(Enum::name).toList();
        append(e, sequence, recordedAt, e.to(), history -> entry(e, sequence, type, e.from(),
                "From " + e.from() + " to " + e.to(), e.overrideReason(), null, overridden, null, null, null, false));
    }

    @EventHandler
    void on(ContractAmended e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.CONTRACT_AMENDED,
                history.phase(), e.what(), e.why(), null, null, null, null, null, e.correction()));
    }

    @EventHandler
    void on(TrajectoryConcluded e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.TRAJECTORY_CONCLUDED,
                e.phase(), "Concluded: " + e.outcome(), e.why(), null, null, null, null, null, false));
    }

    @EventHandler
    void on(EvaluationOverdue e, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        append(e, sequence, recordedAt, null, history -> entry(e, sequence, DecisionType.EVALUATION_OVERDUE,
                history.phase(), "Evaluation moment of " + e.scheduledFor() + " passed without an evaluation",
                e.purpose(), null, null, null, null, e.scheduledFor().toString(), false));
    }

    private interface EntryFactory {
        DecisionEntry entryFor(DecisionHistory history);
    }

    /**
     * Appends the entry, stamped with the time the event was recorded, unless the event was applied already;
     * {@code newPhase}, when set, becomes the phase.
     */
    private void append(TrajectoryEvent event, long sequence, Instant recordedAt, Phase newPhase,
            EntryFactory factory) {
        histories.updateIfNewer(event.trajectoryId().value(), sequence, DecisionHistory::lastSequence, history -> {
            List<DecisionEntry> entries = new ArrayList<>(history.entries());
            entries.add(factory.entryFor(history).withRecordedAt(recordedAt));
            return new DecisionHistory(history.id(), history.parties(),
                    newPhase == null ? history.phase() : newPhase, entries, sequence);
        });
    }

    private static DecisionEntry entry(TrajectoryEvent event, long sequence, DecisionType type, Phase phase,
            String decision, String rationale, List<String> alternatives, List<String> evidence,
            String guidingQuestionId, List<String> agreedBy, String reference, boolean correction) {
        return new DecisionEntry(sequence, type, phase, decision, rationale, alternatives, evidence,
                guidingQuestionId, agreedBy, reference, correction, event.actor().principal(),
                event.actor().organisation(), event.occurredAt(), null);
    }

    @ResetHandler
    void reset() {
        histories.clear();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new DecisionHistoryProjection(new DocumentStore<>(mongo, DecisionHistory.class, prefix + COLLECTION));
    }
}
