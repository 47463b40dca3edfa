package nl.trajectorytracker.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.EvaluationMomentScheduled;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.IndicatorMeasured;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.events.MonitoringIndicatorDefined;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.queries.FindMonitoring;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations.OverdueEvaluation;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/** Monitoring keeps indicators and measurements, and knows which evaluation moments are held, due or overdue. */
class MonitoringProjectionTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final LocalDate JUNE = LocalDate.parse("2026-06-30");
    private static final LocalDate DECEMBER = LocalDate.parse("2026-12-31");
    private static final LocalDate MARCH = LocalDate.parse("2026-03-31");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MonitoringProjection projection = new MonitoringProjection(mongo.template());
    private final MonitoringQueries queries = new MonitoringQueries(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void feed() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, AT), 0);
        projection.on(new MonitoringIndicatorDefined(ID, "I1", "Waiting weeks", GoalKind.SMART, "At most 5", "Quality",
                QuadrupleAimDimension.QUALITY_OF_CARE, false, ANNA, AT), 1);
        projection.on(new IndicatorMeasured(ID, "I1", "7", LocalDate.parse("2026-01-31"), null, false, ANNA, AT), 2);
        projection.on(new IndicatorMeasured(ID, "I1", "6", LocalDate.parse("2026-02-28"), "Better", false, ANNA, AT),
                3);
        projection.on(new EvaluationMomentScheduled(ID, DECEMBER, "Year end", false, ANNA, AT), 4);
        projection.on(new EvaluationMomentScheduled(ID, MARCH, "First quarter", false, ANNA, AT), 5);
        projection.on(new EvaluationMomentScheduled(ID, JUNE, "Half year", false, ANNA, AT), 6);
        projection.on(new InterimEvaluationHeld(ID, "On track", false, false, ANNA, AT), 7);
    }

    @Test
    void indicators_keepEveryMeasurement_andTheLatest() {
        feed();

        MonitoringView view = queries.handle(new FindMonitoring(ID, null, MARCH, 14)).orElseThrow();
        assertThat(view.indicators().get(0).measurements()).hasSize(2);
        assertThat(view.indicators().get(0).latest().value()).isEqualTo("6");
        assertThat(view.indicators().get(0).target()).isEqualTo("At most 5");
    }

    @Test
    void anEvaluationHeld_settlesTheEarliestMoment_andLaterOnesAreDueOrOverdue() {
        feed();

        MonitoringView inJuly = queries.handle(new FindMonitoring(ID, null, LocalDate.parse("2026-07-01"), 14))
                .orElseThrow();
        assertThat(inJuly.evaluationMoments()).extracting(MonitoringView.Moment::date)
                .containsExactly(MARCH, JUNE, DECEMBER);
        assertThat(inJuly.evaluationMoments()).extracting(MonitoringView.Moment::status)
                .containsExactly("HELD", "OVERDUE", "SCHEDULED");
        assertThat(inJuly.overdue()).isEqualTo(1);
        MonitoringView inDecember = queries.handle(new FindMonitoring(ID, null, LocalDate.parse("2026-12-20"), 14))
                .orElseThrow();
        assertThat(inDecember.evaluationMoments().get(2).status()).isEqualTo("DUE");
        assertThat(inDecember.due()).isEqualTo(1);
    }

    @Test
    void anOverdueMoment_isFoundOnce_untilItIsFlagged() {
        feed();

        assertThat(queries.handle(new FindOverdueEvaluations(LocalDate.parse("2026-07-01"))))
                .containsExactly(new OverdueEvaluation(ID.value(), JUNE, "Half year"));
        projection.on(new EvaluationOverdue(ID, JUNE, "Half year", Actor.system(), AT), 8);

        assertThat(queries.handle(new FindOverdueEvaluations(LocalDate.parse("2026-07-01")))).isEmpty();
        MonitoringView view = queries.handle(new FindMonitoring(ID, null, LocalDate.parse("2026-07-01"), 14))
                .orElseThrow();
        assertThat(view.evaluationMoments().get(1).overdueFlaggedAt()).isEqualTo(AT);
        assertThat(view.evaluationMoments().get(1).status()).isEqualTo("OVERDUE");
    }

    @Test
    void anotherOrganisation_findsNothing_andReplaysChangeNothing() {
        feed();
        projection.on(new IndicatorMeasured(ID, "I1", "1", LocalDate.parse("2026-02-28"), null, false, ANNA, AT), 3);

        assertThat(queries.handle(new FindMonitoring(ID, "Menzis", MARCH, 14))).isEmpty();
        assertThat(queries.handle(new FindMonitoring(ID, null, MARCH, 14)).orElseThrow().indicators().get(0)
                .measurements()).hasSize(2);
    }
}
