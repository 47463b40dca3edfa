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

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.infra.mongo.EmbeddedMongo;
import nl.trajectorytracker.query.research.ResearchKeys;

/**
 * The server-side research key ({@link ResearchKeys}): the key of what the research tables store instead of ids and
 * names, and of the sealed study secrets. Never stored in MongoDB: whoever can read the store must not be able to
 * test a guessed name against a stored key nor open a study's secret. Where it comes from, in order:
 * <ol>
 * <li>{@code tracker.research.key}: at least 32 bytes in base64, or the path of a file holding them;</li>
 * <li>on the embedded default: {@code <tracker.data-dir>/research-key}, generated on the first start, owner-only;</li>
 * <li>with an external MongoDB and no key configured: a key generated once and kept in MongoDB
 * ({@code research_key}), shared by every instance, with a warning at every start: the keys and the sealed secrets
 * are then only as secret as the database. Configure a key for production; the read model is then rebuilt under it
 * ({@link ResearchKeyCheck}) and the studies created before answer {@code 409} until their key is restored.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class ResearchKeySource {

    static final String KEY_FILE = "research-key";
    private static final String SHARED_KEY = "key";
    private static final Logger log = LoggerFactory.getLogger(ResearchKeySource.class);

    @Bean
    ResearchKeys researchKeys(@Value("${tracker.research.key:}") String configured,
            @Value("${tracker.data-dir:./data}") Path dataDirectory, ObjectProvider<EmbeddedMongo> embedded,
            ObjectProvider<MongoDatabase> database) {
        if (configured != null && !configured.isBlank()) {
            log.info("Research keys and study secrets use the configured research key");
            return new ResearchKeys(configured(configured.strip()));
        }
        if (embedded.getIfAvailable() != null) {
            return new ResearchKeys(fromDataDirectory(dataDirectory.resolve(KEY_FILE)));
        }
        log.warn("""
                *****************************************************************************************
                No tracker.research.key is configured and MongoDB is external: the research key is kept IN
                MONGODB, so research pseudonyms and study secrets are only as secret as the database.
                Configure tracker.research.key (see docs/research-privacy.md).
                *****************************************************************************************""");
        return new ResearchKeys(sharedInDatabase(database.getObject().getCollection(ResearchKeyCheck.COLLECTION)));
    }

    /** The key kept in MongoDB, created by the first instance that needs it; every instance reads the same. */
    private static byte[] sharedInDatabase(MongoCollection<Document> keys) {
        Document stored = keys.find(Filters.eq("_id", SHARED_KEY)).first();
        if (stored == null) {
            try {
                keys.insertOne(new Document("_id", SHARED_KEY).append("key",
                        Base64.getEncoder().encodeToString(ResearchKeys.randomKey())));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            stored = keys.find(Filters.eq("_id", SHARED_KEY)).first();
        }
        return Base64.getDecoder().decode(stored.getString("key"));
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
