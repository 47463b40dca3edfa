package nl.trajectorytracker.infra.security;

import java.security.Principal;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;

/**
 * Who is calling, however they authenticated (API token or JWT).
 *
 * @param id           the account id (API tokens) or the subject (JWT)
 * @param name         the stable name recorded as the actor on events
 * @param role         the one role of the caller
 * @param organisation the organisation of a negotiator, {@code null} for every other role
 * @param studies      the studies a researcher may query, empty for every other role
 */
public record TrackerPrincipal(String id, String name, Role role, String organisation, List<String> studies)
        implements Principal {

    public TrackerPrincipal {
        studies = studies == null ? List.of() : List.copyOf(studies);
        if (role == Role.NEGOTIATOR && (organisation == null || organisation.isBlank())) {
            throw new IllegalArgumentException("A negotiator acts for an organisation");
        }
        if (role != Role.NEGOTIATOR) {
            organisation = null;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    /** The principal of the request being handled, when it authenticated as a tracker account or JWT. */
    public static java.util.Optional<TrackerPrincipal> current() {
        return org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                instanceof TrackerAuthentication tracker ? java.util.Optional.of(tracker.getPrincipal())
                : java.util.Optional.empty();
    }

    /** The actor recorded on the events this principal causes. */
    public Actor actor() {
        return new Actor(name, organisation);
    }
}
