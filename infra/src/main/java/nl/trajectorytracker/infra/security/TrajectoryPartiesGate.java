package nl.trajectorytracker.infra.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;

/**
 * Decides, before any handler, whether a negotiator may reach {@code /api/trajectories/{id}/**}: only when their
 * organisation is among the parties of the trajectory's first stored event ({@link RecordedParties}); otherwise
 * {@code 404}, as for a trajectory that does not exist. Two reasons to decide it here rather than in each handler:
 * the read models keep their own copy of the parties, which nothing protects (a party added to an overview document
 * in the database showed another organisation the trajectory's summary), and a step was answered only after the
 * trajectory was loaded, so a foreign trajectory's {@code 404} took as much longer than a missing one's as it had
 * events. Here both cost one look-up by key of the first commit. The handlers still check too; the list pages ask
 * {@link RecordedParties} for the trajectories of a page at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TrajectoryPartiesGate implements HandlerInterceptor, WebMvcConfigurer {

    private final RecordedParties record;

    public TrajectoryPartiesGate(RecordedParties record) {
        this.record = record;
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
        if (id != null && !record.isParty(organisation, id)) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id);
        }
        return true;
    }

    private static String negotiatorsOrganisation() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker
                && tracker.getPrincipal().role() == Role.NEGOTIATOR) {
            return tracker.getPrincipal().organisation();
        }
        return null;
    }
}
