package nl.trajectorytracker.query.trusttrend;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.queries.FindTrustTrend;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.QueryParameters;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/** {@code GET /api/trajectories/{id}/trust}: trust per counterpart over time, within the scope. */
@RestController
public class TrustTrendController {

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;

    public TrustTrendController(QueryGateway queries, ReadScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/api/trajectories/{id}/trust")
    public TrustTrend trust(@PathVariable String id, HttpServletRequest request) {
        FindTrustTrend query = new FindTrustTrend(TrajectoryIds.fromPath(id),
                scopes.scopeOf(request).organisation());
        return QueryParameters.found(queries.query(query,
                ResponseTypes.optionalInstanceOf(TrustTrend.class)).join(), id);
    }
}
