package nl.trajectorytracker.query.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.EvaluationMomentScheduled;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.FinalEvaluationHeld;
import nl.trajectorytracker.api.events.IndicatorMeasured;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.events.MonitoringIndicatorDefined;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.query.monitoring.Monitoring.Evaluation;
import nl.trajectorytracker.query.monitoring.Monitoring.EvaluationMoment;
import nl.trajectorytracker.query.monitoring.Monitoring.Indicator;
import nl.trajectorytracker.query.monitoring.Monitoring.Measurement;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;

/** Writes the monitoring of each trajectory: indicators, measurements, evaluation moments and evaluations. */
@Component
@ProcessingGroup(MonitoringProjection.NAME)
public class MonitoringProjection implements ReplayableProjection {

    public static final String NAME = "monitoring";
    public static final String COLLECTION = "monitoring";

    private final DocumentStore<Monitoring> monitorings;

    @Autowired
    public MonitoringProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, Monitoring.class, COLLECTION));
    }

    MonitoringProjection(DocumentStore<Monitoring> monitorings) {
        this.monitorings = monitorings;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        if (monitorings.find(event.trajectoryId().value()).isEmpty()) {
            monitorings.save(new Monitoring(event.trajectoryId().value(), event.parties(), List.of(), List.of(),
                    List.of(), sequence));
        }
    }

    @EventHandler
    void on(MonitoringIndicatorDefined e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> {
            List<Indicator> indicators = new ArrayList<>(monitoring.indicators());
            indicators.add(new Indicator(e.indicatorId(), e.name(), e.kind(), e.target(), e.owner(), e.dimension(),
                    List.of(), null));
            return with(monitoring, indicators, monitoring.evaluationMoments(), monitoring.evaluations(), sequence);
        });
    }

    @EventHandler
    void on(IndicatorMeasured e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> {
            Measurement measurement = new Measurement(sequence, e.value(), e.measuredOn(), e.note(), e.correction(),
                    e.actor().principal(), e.occurredAt());
            List<Indicator> indicators = monitoring.indicators().stream()
                    .map(indicator -> indicator.indicatorId().equals(e.indicatorId()) ? measured(indicator,
                            measurement) : indicator)
                    .toList();
            return with(monitoring, indicators, monitoring.evaluationMoments(), monitoring.evaluations(), sequence);
        });
    }

    @EventHandler
    void on(EvaluationMomentScheduled e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> {
            List<EvaluationMoment> moments = new ArrayList<>(monitoring.evaluationMoments());
            moments.add(new EvaluationMoment(sequence, e.date(), e.purpose(), e.actor().principal(), e.occurredAt(),
                    null, null, null));
            moments.sort(Comparator.comparing(EvaluationMoment::date));
            return with(monitoring, monitoring.indicators(), moments, monitoring.evaluations(), sequence);
        });
    }

    @EventHandler
    void on(InterimEvaluationHeld e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> held(monitoring, e, sequence, "INTERIM", e.findings(),
                e.adjustmentNeeded()));
    }

    @EventHandler
    void on(FinalEvaluationHeld e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> held(monitoring, e, sequence, "FINAL", e.form(), false));
    }

    @EventHandler
    void on(EvaluationOverdue e, @SequenceNumber long sequence) {
        update(e, sequence, monitoring -> {
            List<EvaluationMoment> moments = new ArrayList<>(monitoring.evaluationMoments());
            for (int i = 0; i < moments.size(); i++) {
                EvaluationMoment m = moments.get(i);
                if (m.date().equals(e.scheduledFor()) && !m.held() && m.overdueFlaggedAt() == null) {
                    moments.set(i, new EvaluationMoment(m.sequence(), m.date(), m.purpose(), m.scheduledBy(),
                            m.scheduledAt(), null, null, e.occurredAt()));
                    break;
                }
            }
            return with(monitoring, monitoring.indicators(), moments, monitoring.evaluations(), sequence);
        });
    }

    private static Indicator measured(Indicator indicator, Measurement measurement) {
        List<Measurement> measurements = new ArrayList<>(indicator.measurements());
        measurements.add(measurement);
        return new Indicator(indicator.indicatorId(), indicator.name(), indicator.kind(), indicator.target(),
                indicator.owner(), indicator.dimension(), measurements, measurement);
    }

    /** The evaluation settles the earliest moment that was not held yet. */
    private static Monitoring held(Monitoring monitoring, TrajectoryEvent e, long sequence, String kind,
            String summary, boolean adjustmentNeeded) {
        List<EvaluationMoment> moments = new ArrayList<>(monitoring.evaluationMoments());
        EvaluationMoment settled = null;
        for (int i = 0; i < moments.size() && settled == null; i++) {
            EvaluationMoment m = moments.get(i);
            if (!m.held()) {
                settled = new EvaluationMoment(m.sequence(), m.date(), m.purpose(), m.scheduledBy(), m.scheduledAt(),
                        e.occurredAt(), kind, m.overdueFlaggedAt());
                moments.set(i, settled);
            }
        }
        List<Evaluation> evaluations = new ArrayList<>(monitoring.evaluations());
        evaluations.add(new Evaluation(sequence, kind, summary, adjustmentNeeded,
                settled == null ? null : settled.date(), e.actor().principal(), e.occurredAt()));
        return with(monitoring, monitoring.indicators(), moments, evaluations, sequence);
    }

    private static Monitoring with(Monitoring monitoring, List<Indicator> indicators, List<EvaluationMoment> moments,
            List<Evaluation> evaluations, long sequence) {
        return new Monitoring(monitoring.id(), monitoring.parties(), indicators, moments, evaluations, sequence);
    }

    /** Applies the change unless the event was applied already. */
    private void update(TrajectoryEvent event, long sequence, UnaryOperator<Monitoring> change) {
        monitorings.updateIfNewer(event.trajectoryId().value(), sequence, Monitoring::lastSequence, change);
    }

    @ResetHandler
    void reset() {
        monitorings.clear();
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
        return new MonitoringProjection(new DocumentStore<>(mongo, Monitoring.class, prefix + COLLECTION));
    }
}
