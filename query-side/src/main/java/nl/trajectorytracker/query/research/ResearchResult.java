package nl.trajectorytracker.query.research;

import java.util.List;
import java.util.Map;

/**
 * What a research view releases: its rows (nested, for JSON), the same data flat (for CSV), every group or cell that
 * was held back, with why, and for histories what was generalised to make every record k-anonymous.
 * {@code releasedMembers} says, per released cell (by key), which trajectories it describes, for the release memory
 * and tests; it is never written out.
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
        Map<String, Object> anonymisation,
        Map<String, long[]> releasedMembers) {

    /** A release without the record of which trajectories each released cell describes (never written out). */
    ResearchResult(String view, int k, Map<String, String> filter, Integer trajectories,
            List<Map<String, Object>> rows, List<Map<String, Object>> csvRows, List<Suppression> suppressed,
            Map<String, Object> anonymisation) {
        this(view, k, filter, trajectories, rows, csvRows, suppressed, anonymisation, Map.of());
    }

    /** A held-back group or cell, named without any value that could identify it. */
    record Suppression(String cell, String reason) {
    }
}
