package nl.trajectorytracker.query.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindMonitoring;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations.OverdueEvaluation;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.monitoring.Monitoring.EvaluationMoment;
import nl.trajectorytracker.query.monitoring.MonitoringView.Moment;

/** Answers for monitoring: one trajectory by {@code _id}, and the overdue moments across all of them. */
@Component
public class MonitoringQueries {

    private final MongoOperations mongo;

    public MonitoringQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<MonitoringView> handle(FindMonitoring query) {
        return Optional.ofNullable(mongo.findById(query.trajectoryId().value(), Monitoring.class,
                        MonitoringProjection.COLLECTION))
                .filter(monitoring -> new ReadScope(query.organisation()).permits(monitoring.parties()))
                .map(monitoring -> view(monitoring, query.asOf(), query.dueWithinDays()));
    }

    /**
     * Scans the monitoring of every trajectory (no index serves this on the embedded server; it runs as
     * a periodic background check, not on a request).
     */
    @QueryHandler
    public List<OverdueEvaluation> handle(FindOverdueEvaluations query) {
        return mongo.findAll(Monitoring.class, MonitoringProjection.COLLECTION).stream()
                .flatMap(monitoring -> monitoring.evaluationMoments().stream()
                        .filter(moment -> !moment.held() && moment.overdueFlaggedAt() == null
                                && moment.date().isBefore(query.asOf()))
                        .map(moment -> new OverdueEvaluation(monitoring.id(), moment.date(), moment.purpose())))
                .distinct()
                .toList();
    }

    static MonitoringView view(Monitoring monitoring, LocalDate asOf, int dueWithinDays) {
        List<Moment> moments = monitoring.evaluationMoments().stream()
                .map(moment -> new Moment(moment.date(), moment.purpose(), status(moment, asOf, dueWithinDays),
                        moment.scheduledBy(), moment.scheduledAt(), moment.heldAt(), moment.heldKind(),
                        moment.overdueFlaggedAt()))
                .toList();
        int due = (int) moments.stream().filter(moment -> moment.status().equals("DUE")).count();
        int overdue = (int) moments.stream().filter(moment -> moment.status().equals("OVERDUE")).count();
        return new MonitoringView(monitoring.id(), asOf, monitoring.indicators(), moments, monitoring.evaluations(),
                due, overdue, monitoring.lastSequence());
    }

    static String status(EvaluationMoment moment, LocalDate asOf, int dueWithinDays) {
        if (moment.held()) {
            return "HELD";
        }
        if (moment.date().isBefore(asOf)) {
            return "OVERDUE";
        }
        return moment.date().isAfter(asOf.plusDays(dueWithinDays)) ? "SCHEDULED" : "DUE";
    }
}
