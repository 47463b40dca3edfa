package nl.trajectorytracker.query.research;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is asking, for the research endpoints and their records: implemented by the application's security, so the
 * adapters never read the authenticated principal themselves.
 */
public interface ResearcherResolver {

    /** The stable name of the caller, recorded on studies it creates and exports it makes. */
    String nameOf(HttpServletRequest request);

    /** The studies the caller may query; empty for anyone but a researcher. */
    List<String> studiesOf(HttpServletRequest request);
}
