package nl.trajectorytracker.infra.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final Logger log = LoggerFactory.getLogger(TreeHeadWitness.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** One witnessed tree head and the heads (last sequences) of the trajectories taken in since the one before. */
    public record Line(TreeHead treeHead, Map<String, Long> heads) {
    }

    public TreeHeadWitness(@Value("${tracker.audit.witness-file:}") String configured,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.file = configured == null || configured.isBlank() ? dataDirectory.resolve("audit-tree-heads.jsonl")
                : Path.of(configured);
    }

    public Path file() {
        return file;
    }

    /** Every line, oldest first; a line that cannot be read is reported and skipped (a torn last write). */
    public List<Line> read() {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    lines.add(JSON.readValue(text, new TypeReference<Line>() { }));
                } catch (IOException e) {
                    log.error("Audit: unreadable line in the witness file {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the audit witness file " + file, e);
        }
        return lines;
    }

    /** Appends a tree head and forces it to disk. */
    public synchronized void append(TreeHead head, Map<String, Long> heads) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] line = (JSON.writeValueAsString(new Line(head, new LinkedHashMap<>(heads))) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot append to the audit witness file " + file, e);
        }
    }
}
