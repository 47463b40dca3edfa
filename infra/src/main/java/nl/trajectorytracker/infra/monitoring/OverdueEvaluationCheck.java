package nl.trajectorytracker.infra.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.commands.FlagEvaluationOverdue;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations;
import nl.trajectorytracker.api.queries.FindOverdueEvaluations.OverdueEvaluation;
import nl.trajectorytracker.api.values.Actor;

/**
 * Finds, in the monitoring read model, the evaluation moments whose date passed (in UTC) without an evaluation and
 * not flagged yet, and has each trajectory record {@code EvaluationOverdue} as the system. Runs every
 * {@code tracker.monitoring.overdue-check-interval} (default an hour); off with
 * {@code tracker.monitoring.overdue-check-enabled=false}. Repeats are harmless: the trajectory flags a moment once.
 */
@Component
@ConditionalOnProperty(name = "tracker.monitoring.overdue-check-enabled", havingValue = "true", matchIfMissing = true)
public class OverdueEvaluationCheck {

    private static final Logger log = LoggerFactory.getLogger(OverdueEvaluationCheck.class);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final Clock clock;

    public OverdueEvaluationCheck(QueryGateway queries, CommandGateway commands, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tracker.monitoring.overdue-check-interval:PT1H}",
            initialDelayString = "${tracker.monitoring.overdue-check-initial-delay:PT1M}")
    public void scheduled() {
        check();
    }

    /** Flags every overdue moment found; answers how many were flagged. */
    public int check() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<OverdueEvaluation> overdue = queries.query(new FindOverdueEvaluations(today),
                ResponseTypes.multipleInstancesOf(OverdueEvaluation.class)).join();
        int flagged = 0;
        for (OverdueEvaluation moment : overdue) {
            try {
                commands.sendAndWait(new FlagEvaluationOverdue(
                        new nl.trajectorytracker.api.values.TrajectoryId(moment.trajectoryId()),
                        moment.scheduledFor(), Actor.system(), clock.instant()));
                flagged++;
            } catch (RuntimeException e) {
                log.warn("Could not flag the evaluation of {} in trajectory {} as overdue: {}",
                        moment.scheduledFor(), moment.trajectoryId(), e.getMessage());
            }
        }
        if (flagged > 0) {
            log.info("Flagged {} overdue evaluation moments", flagged);
        }
        return flagged;
    }
}
