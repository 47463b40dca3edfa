package nl.trajectorytracker.query.research;

import java.util.List;
import java.util.Map;

/**
 * What a research view releases: its rows (nested, for JSON), the same data flat (for CSV), every group or cell that
 * was held back, with why, and for histories what was generalised to make every record k-anonymous.
 * {@code trajectories} is the size of the described population, or {@code null} when that population itself was
 * too small to describe.
 */
record ResearchResult(
        String view,
        int k,
        Map<String, String> filter,
        Integer trajectories,
        List<Map<String, Object>> rows,
        List<Map<String, Object>> csvRows,
        List<Suppression> suppressed,
        Map<String, Object> anonymisation) {

    /** A held-back group or cell, named without any value that could identify it. */
    record Suppression(String cell, String reason) {
    }
}
