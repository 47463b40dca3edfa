package nl.trajectorytracker.infra.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A file outside MongoDB that JSON lines are appended to, each forced to disk before the append returns: what it
 * holds, whoever can write the database cannot take back. The audit keeps its tree heads and break reports in such
 * files, the personal-data vault its erasures.
 */
public final class WitnessFile {

    private static final Logger log = LoggerFactory.getLogger(WitnessFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public WitnessFile(Path file) {
        this.file = file;
    }

    /** The configured file, or this name in the data directory. */
    public static Path of(String configured, Path dataDirectory, String name) {
        return configured == null || configured.isBlank() ? dataDirectory.resolve(name) : Path.of(configured);
    }

    public Path file() {
        return file;
    }

    /** Every line, oldest first; a line that cannot be read is reported and skipped (a torn last write). */
    public <T> List<T> read(TypeReference<T> type) {
        List<T> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    lines.add(JSON.readValue(text, type));
                } catch (IOException e) {
                    log.error("Audit: unreadable line in the witness file {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the audit witness file " + file, e);
        }
        return lines;
    }

    /** Appends a line and forces it to disk. */
    public synchronized void append(Object line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
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
