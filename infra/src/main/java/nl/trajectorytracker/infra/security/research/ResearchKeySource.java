package nl.trajectorytracker.infra.security.research;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.trajectorytracker.infra.mongo.EmbeddedMongo;
import nl.trajectorytracker.query.research.ResearchKeys;

/**
 * The server-side research key ({@link ResearchKeys}): the key of what the research tables store instead of ids and
 * names, and of the sealed study secrets. Never stored in MongoDB: whoever can read the store must not be able to
 * test a guessed name against a stored key nor open a study's secret. Where it comes from, in order:
 * <ol>
 * <li>{@code tracker.research.key}: at least 32 bytes in base64, or the path of a file holding them;</li>
 * <li>on the embedded default: {@code <tracker.data-dir>/research-key}, generated on the first start, owner-only;</li>
 * <li>with an external MongoDB and no key configured: an ephemeral key with a warning; at the next start the
 * research read model is rebuilt under the new key and the studies created before cannot be used
 * ({@link ResearchKeyCheck}).</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class ResearchKeySource {

    static final String KEY_FILE = "research-key";
    private static final Logger log = LoggerFactory.getLogger(ResearchKeySource.class);

    @Bean
    ResearchKeys researchKeys(@Value("${tracker.research.key:}") String configured,
            @Value("${tracker.data-dir:./data}") Path dataDirectory, ObjectProvider<EmbeddedMongo> embedded) {
        if (configured != null && !configured.isBlank()) {
            log.info("Research keys and study secrets use the configured research key");
            return new ResearchKeys(configured(configured.strip()));
        }
        if (embedded.getIfAvailable() != null) {
            return new ResearchKeys(fromDataDirectory(dataDirectory.resolve(KEY_FILE)));
        }
        log.warn("""
                *****************************************************************************************
                No tracker.research.key is configured and MongoDB is external: research uses an EPHEMERAL
                key. After a restart the research read model is rebuilt and studies created now cannot be
                used. Configure tracker.research.key (see docs/research-privacy.md).
                *****************************************************************************************""");
        return new ResearchKeys(ResearchKeys.randomKey());
    }

    private static byte[] configured(String configured) {
        String text = configured;
        Path path = Path.of(configured.length() > 200 ? "." : configured);
        if (configured.length() <= 200 && Files.isRegularFile(path)) {
            try {
                text = Files.readString(path).strip();
            } catch (IOException e) {
                throw new IllegalStateException("tracker.research.key names a file that cannot be read", e);
            }
        }
        try {
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length < 32) {
                throw new IllegalStateException("tracker.research.key must hold at least 32 bytes (base64)");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tracker.research.key is neither base64 nor a readable file", e);
        }
    }

    private static byte[] fromDataDirectory(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] key = ResearchKeys.randomKey();
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.setPosixFilePermissions(file, ownerOnly);
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            log.info("Generated the research key in {} (owner-only); back it up with the data", file);
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read or create the research key " + file, e);
        }
    }
}
