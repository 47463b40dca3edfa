package nl.trajectorytracker.query.monitoring;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.queries.FindMonitoring;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.QueryParameters;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/**
 * {@code GET /api/trajectories/{id}/monitoring?asOf=&dueWithinDays=}: indicators and evaluation moments, due and
 * overdue as of today (UTC) unless {@code asOf} says otherwise, within the reader's scope.
 */
@RestController
public class MonitoringController {

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;
    private final Clock clock;

    public MonitoringController(QueryGateway queries, ReadScopeResolver scopes, Clock clock) {
        this.queries = queries;
        this.scopes = scopes;
        this.clock = clock;
    }

    @GetMapping("/api/trajectories/{id}/monitoring")
    public MonitoringView monitoring(@PathVariable String id,
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "" + FindMonitoring.DEFAULT_DUE_WITHIN_DAYS) int dueWithinDays,
            HttpServletRequest request) {
        LocalDate date = QueryParameters.date("asOf", asOf);
        FindMonitoring query = new FindMonitoring(TrajectoryIds.fromPath(id), scopes.scopeOf(request).organisation(),
                date == null ? LocalDate.now(clock) : date, dueWithinDays);
        return QueryParameters.found(queries.query(query, ResponseTypes.optionalInstanceOf(MonitoringView.class))
                .join(), id);
    }
}
