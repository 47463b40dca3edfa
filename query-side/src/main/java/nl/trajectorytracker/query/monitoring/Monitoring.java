package nl.trajectorytracker.query.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;

/**
 * The monitoring of one trajectory, keyed by its id: indicators with targets and every measurement, the scheduled
 * evaluation moments (sorted by date) and the evaluations held. An evaluation held settles the earliest moment not
 * yet held, the same rule the trajectory itself applies when the system flags a moment as overdue.
 */
@Document(MonitoringProjection.COLLECTION)
public record Monitoring(
        @Id String id,
        List<Party> parties,
        List<Indicator> indicators,
        List<EvaluationMoment> evaluationMoments,
        List<Evaluation> evaluations,
        long lastSequence) {

    public Monitoring {
        parties = parties == null ? List.of() : List.copyOf(parties);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        evaluationMoments = evaluationMoments == null ? List.of() : List.copyOf(evaluationMoments);
        evaluations = evaluations == null ? List.of() : List.copyOf(evaluations);
    }

    /** An indicator with its target, every measurement (oldest first) and the latest one. */
    public record Indicator(
            String indicatorId,
            String name,
            GoalKind kind,
            String target,
            String owner,
            QuadrupleAimDimension dimension,
            List<Measurement> measurements,
            Measurement latest) {

        public Indicator {
            measurements = measurements == null ? List.of() : List.copyOf(measurements);
        }
    }

    public record Measurement(long sequence, String value, LocalDate measuredOn, String note, boolean correction,
            String actor, Instant occurredAt) {
    }

    /**
     * A scheduled evaluation moment. {@code heldAt} is set once an evaluation settled it; {@code overdueFlaggedAt}
     * once the system recorded that its date passed without one.
     */
    public record EvaluationMoment(
            long sequence,
            LocalDate date,
            String purpose,
            String scheduledBy,
            Instant scheduledAt,
            Instant heldAt,
            String heldKind,
            Instant overdueFlaggedAt) {

        public boolean held() {
            return heldAt != null;
        }
    }

    /** An evaluation held: {@code INTERIM} or {@code FINAL}, with its findings and the moment it settled, if any. */
    public record Evaluation(long sequence, String kind, String summary, boolean adjustmentNeeded,
            LocalDate settledMoment, String actor, Instant occurredAt) {
    }
}
