package nl.trajectorytracker.infra.audit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;

import nl.trajectorytracker.infra.audit.verification.TreeHead;

/**
 * The witness outside MongoDB: every signed tree head of the audit log, with the trajectory heads it covers, as one
 * JSON line appended to a file ({@code tracker.audit.witness-file}, default
 * {@code <tracker.data-dir>/audit-tree-heads.jsonl}) and forced to disk before the head is served. Whoever can write
 * the database cannot take back what this file holds: at start the log is checked against every line, and a
 * trajectory's witnessed head outlives any deletion in the database. Keep the file with the signing key, apart
 * from database backups; auditors may copy lines (or {@code GET /api/audit/tree-head}) to keep heads of their own.
 */
@Component
public class TreeHeadWitness {

    private final WitnessFile file;

    /** One witnessed tree head and the heads (last sequences) of the trajectories taken in since the one before. */
    public record Line(TreeHead treeHead, Map<String, Long> heads) {
    }

    public TreeHeadWitness(@Value("${tracker.audit.witness-file:}") String configured,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.file = new WitnessFile(WitnessFile.of(configured, dataDirectory, "audit-tree-heads.jsonl"));
    }

    public Path file() {
        return file.file();
    }

    /** Every line, oldest first; a line that cannot be read is reported and skipped (a torn last write). */
    public List<Line> read() {
        return file.read(new TypeReference<Line>() { });
    }

    /** Appends a tree head and forces it to disk. */
    public void append(TreeHead head, Map<String, Long> heads) {
        file.append(new Line(head, new LinkedHashMap<>(heads)));
    }
}
