package nl.trajectorytracker.query.access;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns the authenticated principal of a request into the {@link ReadScope} of every query it makes. Implemented by
 * the security of the application; throws when the principal may read no trajectory at all.
 */
@FunctionalInterface
public interface ReadScopeResolver {

    ReadScope scopeOf(HttpServletRequest request);
}
