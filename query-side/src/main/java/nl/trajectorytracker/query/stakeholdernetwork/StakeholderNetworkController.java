package nl.trajectorytracker.query.stakeholdernetwork;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.queries.FindStakeholderNetwork;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.QueryParameters;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/** {@code GET /api/trajectories/{id}/stakeholders}: parties, stakeholders and their history, within the scope. */
@RestController
public class StakeholderNetworkController {

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;

    public StakeholderNetworkController(QueryGateway queries, ReadScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/api/trajectories/{id}/stakeholders")
    public StakeholderNetwork stakeholders(@PathVariable String id, HttpServletRequest request) {
        FindStakeholderNetwork query = new FindStakeholderNetwork(TrajectoryIds.fromPath(id),
                scopes.scopeOf(request).organisation());
        return QueryParameters.found(queries.query(query,
                ResponseTypes.optionalInstanceOf(StakeholderNetwork.class)).join(), id);
    }
}
