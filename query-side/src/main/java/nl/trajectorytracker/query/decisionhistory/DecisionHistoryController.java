package nl.trajectorytracker.query.decisionhistory;

import java.util.concurrent.CompletionException;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.queries.FindDecisionHistory;
import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.Moments;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.QueryParameters;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/**
 * {@code GET /api/trajectories/{id}/decisions?phase=&type=&actor=&from=&to=}: the ordered decision history within the
 * reader's scope; a trajectory outside it answers 404 like an unknown one. {@code from} and {@code to} bound when a
 * decision happened ({@code occurredAt}), both inclusive; each is a timestamp or a date, {@code from} a date's start
 * and {@code to} its end (UTC), so {@code from=2026-03-01&to=2026-03-01} is that whole day.
 */
@RestController
public class DecisionHistoryController {

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;

    public DecisionHistoryController(QueryGateway queries, ReadScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/api/trajectories/{id}/decisions")
    public DecisionHistory decisions(@PathVariable String id,
            @RequestParam(required = false) String phase,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        String organisation = scopes.scopeOf(request).organisation();
        FindDecisionHistory query = new FindDecisionHistory(TrajectoryIds.fromPath(id), organisation,
                QueryParameters.enumValue("phase", phase, Phase.class), DecisionType.parse("type", type), actor,
                QueryParameters.moment("from", from, Moments.DayEdge.START),
                QueryParameters.moment("to", to, Moments.DayEdge.END));
        try {
            return QueryParameters.found(queries.query(query, ResponseTypes.optionalInstanceOf(DecisionHistory.class))
                    .join(), id);
        } catch (CompletionException e) {
            if (e.getCause() instanceof DomainException refused) {
                throw refused; // a history that cannot be read (409), as the handler says
            }
            throw e;
        }
    }
}
