package nl.trajectorytracker.query.decisionhistory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.DecisionRecorded;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.queries.FindDecisionHistory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** The decision history logs decision-like steps in order, with their phase, and filters them. */
class DecisionHistoryProjectionTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant RECORDED = Instant.parse("2026-04-01T10:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final DecisionHistoryProjection projection = new DecisionHistoryProjection(mongo.template());
    private final DecisionHistoryQueries queries = new DecisionHistoryQueries(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void feedATrajectory() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, START), 0);
        projection.on(new BatnaDefined(ID, "Two other hospitals", "They have capacity", false, ANNA,
                START.plusSeconds(60)), 1, RECORDED);
        projection.on(new DecisionRecorded(ID, "DEC-1", "Five years", "Room to invest", List.of("One year"),
                List.of("Vektis 2019"), "P1.BATNA", List.of("Zilveren Kruis"), Phase.INTERNAL_PREPARATION, ANNA,
                START.plusSeconds(120)), 2, RECORDED);
        projection.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN,
                List.of(GateCondition.GOAL_AGREED), "The board wants speed", ANNA, START.plusSeconds(180)), 4,
                RECORDED);
        projection.on(new EvaluationOverdue(ID, LocalDate.parse("2026-02-01"), "Review", Actor.system(),
                START.plusSeconds(240)), 5, RECORDED);
    }

    @Test
    void everyDecisionLikeStep_isLoggedInOrder_withItsPhaseAndReasons() {
        feedATrajectory();

        DecisionHistory history = queries.handle(new FindDecisionHistory(ID)).orElseThrow();
        assertThat(history.entries()).extracting(DecisionEntry::type).containsExactly(DecisionType.BATNA_DEFINED,
                DecisionType.DECISION, DecisionType.PHASE_GATE_OVERRIDDEN, DecisionType.EVALUATION_OVERDUE);
        DecisionEntry decision = history.entries().get(1);
        assertThat(decision.rationale()).isEqualTo("Room to invest");
        assertThat(decision.alternatives()).containsExactly("One year");
        assertThat(decision.evidence()).containsExactly("Vektis 2019");
        assertThat(decision.guidingQuestionId()).isEqualTo("P1.BATNA");
        assertThat(decision.occurredAt()).isEqualTo(START.plusSeconds(120));
        assertThat(decision.recordedAt()).isEqualTo(RECORDED);
        DecisionEntry override = history.entries().get(2);
        assertThat(override.phase()).isEqualTo(Phase.INTERNAL_PREPARATION);
        assertThat(override.evidence()).containsExactly("GOAL_AGREED");
        assertThat(override.rationale()).isEqualTo("The board wants speed");
        assertThat(history.entries().get(3).phase()).isEqualTo(Phase.CO_DESIGN);
        assertThat(history.lastSequence()).isEqualTo(5);
    }

    @Test
    void theHistory_filtersByPhaseTypeActorAndPeriod() {
        feedATrajectory();

        assertThat(entries(new FindDecisionHistory(ID, null, Phase.CO_DESIGN, null, null, null, null)))
                .extracting(DecisionEntry::type).containsExactly(DecisionType.EVALUATION_OVERDUE);
        assertThat(entries(new FindDecisionHistory(ID, null, null, DecisionType.DECISION, null, null, null)))
                .hasSize(1);
        assertThat(entries(new FindDecisionHistory(ID, null, null, null, "system", null, null))).hasSize(1);
        assertThat(entries(new FindDecisionHistory(ID, null, null, null, null, START.plusSeconds(120),
                START.plusSeconds(200)))).extracting(DecisionEntry::sequence).containsExactly(2L, 4L);
        assertThat(entries(new FindDecisionHistory(ID, null, null, null, null, START.plusSeconds(120),
                START.plusSeconds(180)))).as("both bounds inclusive").extracting(DecisionEntry::sequence)
                .containsExactly(2L, 4L);
    }

    @Test
    void anotherOrganisation_findsNothing() {
        feedATrajectory();

        assertThat(queries.handle(new FindDecisionHistory(ID, "Menzis", null, null, null, null, null))).isEmpty();
        assertThat(queries.handle(new FindDecisionHistory(ID, "Zilveren Kruis", null, null, null, null, null)))
                .isPresent();
    }

    @Test
    void anEventSeenBefore_isNotLoggedTwice_andAResetClearsTheHistory() {
        feedATrajectory();
        projection.on(new BatnaDefined(ID, "Replayed", "Again", false, ANNA, START), 1, RECORDED);

        assertThat(entries(new FindDecisionHistory(ID))).hasSize(4);
        projection.reset();
        assertThat(queries.handle(new FindDecisionHistory(ID))).isEmpty();
    }

    private List<DecisionEntry> entries(FindDecisionHistory query) {
        return queries.handle(query).orElseThrow().entries();
    }
}
