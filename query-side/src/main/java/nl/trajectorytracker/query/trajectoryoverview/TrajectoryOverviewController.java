package nl.trajectorytracker.query.trajectoryoverview;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/**
 * Query adapter for the overview: one trajectory, or a page of them, within the reader's scope. A trajectory
 * outside that scope answers 404, exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/trajectories")
public class TrajectoryOverviewController {

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;

    public TrajectoryOverviewController(QueryGateway queries, ReadScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/{id}")
    public ResponseEntity<TrajectorySummary> one(@PathVariable String id, HttpServletRequest request) {
        String organisation = scopes.scopeOf(request).organisation();
        TrajectoryId trajectoryId = TrajectoryIds.fromPath(id);
        Optional<TrajectorySummary> found = queries.query(new FindTrajectory(trajectoryId, organisation),
                ResponseTypes.optionalInstanceOf(TrajectorySummary.class)).join();
        TrajectorySummary summary = found.orElseThrow(() -> new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND,
                "No trajectory with id " + id));
        return ResponseEntity.ok().eTag("\"" + summary.version() + "\"").body(summary);
    }

    @GetMapping
    public TrajectoryPage page(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, HttpServletRequest request) {
        String organisation = scopes.scopeOf(request).organisation();
        return queries.query(new FindTrajectories(page, size, organisation), TrajectoryPage.class).join();
    }
}
