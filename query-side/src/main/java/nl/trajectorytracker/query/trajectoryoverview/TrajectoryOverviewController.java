package nl.trajectorytracker.query.trajectoryoverview;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.query.access.PartiesOnRecord;
import nl.trajectorytracker.query.access.QueryParameters;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/**
 * Query adapter for the overview: one trajectory, or a page of them, within the reader's scope. A trajectory
 * outside that scope answers 404, exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/trajectories")
public class TrajectoryOverviewController {

    private static final Logger log = LoggerFactory.getLogger(TrajectoryOverviewController.class);

    private final QueryGateway queries;
    private final ReadScopeResolver scopes;
    private final PartiesOnRecord record;

    public TrajectoryOverviewController(QueryGateway queries, ReadScopeResolver scopes, PartiesOnRecord record) {
        this.queries = queries;
        this.scopes = scopes;
        this.record = record;
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

    /**
     * A page of the trajectories within the reader's scope, optionally filtered by current {@code phase},
     * {@code status}, {@code partyType}, {@code party} (an organisation) and {@code text} in the title (any case),
     * sorted by {@code sort} (a field of {@link FindTrajectories#SORTABLE}, optionally {@code ,asc} or {@code ,desc};
     * newest activity first by default).
     */
    @GetMapping
    public TrajectoryPage page(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) String phase,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String partyType,
            @RequestParam(required = false) String party,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String sort,
            HttpServletRequest request) {
        String organisation = scopes.scopeOf(request).organisation();
        FindTrajectories query = new FindTrajectories(page, size, organisation,
                QueryParameters.enumValue("phase", phase, Phase.class), status,
                QueryParameters.enumValue("partyType", partyType, PartyType.class), party, text, sort);
        TrajectoryPage found = queries.query(query, TrajectoryPage.class).join();
        return organisation == null ? found : onRecord(found, organisation);
    }

    /**
     * The page without any trajectory whose record does not name the organisation as a party: the overview's copy of
     * the parties, changed in the database, listed it (with its title, parties and outcome) to a foreign organisation.
     * Said in the log; a rebuild of the overview writes its copy anew.
     */
    private TrajectoryPage onRecord(TrajectoryPage found, String organisation) {
        if (found.items().isEmpty()) {
            return found;
        }
        Set<String> parties = record.partyOf(organisation,
                found.items().stream().map(TrajectorySummary::id).toList());
        List<TrajectorySummary> items = found.items().stream()
                .filter(summary -> parties.contains(summary.id())).toList();
        if (items.size() == found.items().size()) {
            return found;
        }
        log.error("The overview lists {} trajectories to {} that their records do not name it a party of: the"
                + " overview was changed outside the service; left out (rebuild it: POST /api/admin/projections/{}"
                + "/rebuild)", found.items().size() - items.size(), organisation, TrajectoryOverviewProjection.NAME);
        return new TrajectoryPage(items, found.page(), found.size(), found.total() - (found.items().size()
                - items.size()));
    }
}
