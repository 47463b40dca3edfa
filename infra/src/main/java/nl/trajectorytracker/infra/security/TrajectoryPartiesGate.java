package nl.trajectorytracker.infra.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.infra.eventstore.CommitReader;
import nl.trajectorytracker.query.access.PartiesOnRecord;

/**
 * Decides, before any handler, whether a negotiator may reach {@code /api/trajectories/{id}/**}: only when their
 * organisation is among the parties of the trajectory's first stored event, which the audit chain covers; otherwise
 * {@code 404}, as for a trajectory that does not exist. Two reasons to decide it here rather than in each handler:
 * the read models keep their own copy of the parties, which nothing protects (a party added to an overview document
 * in the database showed another organisation the trajectory's summary), and a step was answered only after the
 * trajectory was loaded, so a foreign trajectory's {@code 404} took as much longer than a missing one's as it had
 * events. Here both cost one look-up by key of the first commit. The handlers still check too. The lists ask it
 * too ({@link PartiesOnRecord}), for the trajectories of a page at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TrajectoryPartiesGate implements HandlerInterceptor, WebMvcConfigurer, PartiesOnRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STARTED = TrajectoryStarted.class.getName();

    private final CommitReader commits;

    public TrajectoryPartiesGate(CommitReader commits) {
        this.commits = commits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/trajectories/*", "/api/trajectories/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String organisation = negotiatorsOrganisation();
        if (organisation == null) {
            return true; // auditors read every trajectory; other roles never reach these paths
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String id = variables == null ? null : variables.get("id");
        if (id != null && !isParty(organisation, commits.commitStartingAt(id, 0))) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id);
        }
        return true;
    }

    @Override
    public Set<String> partyOf(String organisation, Collection<String> trajectoryIds) {
        Set<String> parties = new HashSet<>();
        for (Document first : commits.firstCommitsOf(trajectoryIds)) {
            if (first.get("agg") instanceof String id && isParty(organisation, first)) {
                parties.add(id);
            }
        }
        return parties;
    }

    private static String negotiatorsOrganisation() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker
                && tracker.getPrincipal().role() == Role.NEGOTIATOR) {
            return tracker.getPrincipal().organisation();
        }
        return null;
    }

    /** Whether the organisation is a party of the start in this first commit; false for none or an unreadable one. */
    static boolean isParty(String organisation, Document first) {
        if (first == null || !(first.get("events") instanceof java.util.List<?> events) || events.isEmpty()
                || !(events.get(0) instanceof Document start) || !STARTED.equals(start.get("ptype"))
                || !(start.get("payload") instanceof String payload)) {
            return false;
        }
        try {
            for (JsonNode party : JSON.readTree(payload).path("parties")) {
                if (organisation.equals(party.path("organisationName").textValue())) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
