package nl.trajectorytracker.infra.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.audit.verification.Signatures;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * The Ed25519 key pair that signs checkpoints. Where it comes from, in order:
 * <ol>
 * <li>{@code tracker.audit.signing-key}: PEM text, or the path of a PEM file, holding the PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}) followed by its public key ({@code BEGIN PUBLIC KEY}), e.g.
 * {@code openssl genpkey -algorithm ed25519 > k.pem && openssl pkey -in k.pem -pubout >> k.pem}. The JDK cannot
 * derive an Ed25519 public key from the private one, so both are required; a pair that does not match is refused.</li>
 * <li>On the embedded default: {@code <tracker.data-dir>/audit-signing-key.pem}, generated on the first start,
 * readable by the owner only.</li>
 * <li>With an external MongoDB and no key configured: an ephemeral key that lives as long as the process, with a
 * warning. The key is never stored in MongoDB: whoever can write the store must not be able to sign.</li>
 * </ol>
 */
@Component
public class SigningKey {

    static final String KEY_FILE = "audit-signing-key.pem";
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Pattern PRIVATE = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----[^-]+-----END PRIVATE KEY-----");
    private static final Pattern PUBLIC = Pattern.compile("-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----");

    private final KeyPair pair;
    private final boolean ephemeral;

    public SigningKey(@Value("${tracker.audit.signing-key:}") String configured,
            @Value("${tracker.data-dir:./data}") Path dataDirectory, ObjectProvider<EmbeddedMongo> embedded) {
        if (configured != null && !configured.isBlank()) {
            pair = parse(configuredText(configured.strip()), "tracker.audit.signing-key");
            ephemeral = false;
            log.info("Checkpoints are signed with the configured key");
        } else if (embedded.getIfAvailable() != null) {
            pair = fromDataDirectory(dataDirectory.resolve(KEY_FILE));
            ephemeral = false;
        } else {
            pair = generate();
            ephemeral = true;
            log.warn("""
                    *****************************************************************************************
                    No tracker.audit.signing-key is configured and MongoDB is external: checkpoints are signed
                    with an EPHEMERAL key that is lost when this process stops. Checkpoints signed now cannot
                    be verified after a restart. Configure tracker.audit.signing-key (see docs/audit.md, The key).
                    *****************************************************************************************""");
        }
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String publicKeyPem() {
        return Signatures.publicKeyPem(pair.getPublic());
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    private static String configuredText(String configured) {
        if (configured.contains("-----BEGIN")) {
            return configured;
        }
        try {
            return Files.readString(Path.of(configured));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("tracker.audit.signing-key is neither PEM text nor a readable file", e);
        }
    }

    private static KeyPair parse(String pem, String source) {
        Matcher privateKey = PRIVATE.matcher(pem);
        Matcher publicKey = PUBLIC.matcher(pem);
        if (!privateKey.find() || !publicKey.find()) {
            throw new IllegalStateException(source + " must hold an Ed25519 PRIVATE KEY and its PUBLIC KEY (PEM)");
        }
        KeyPair pair = new KeyPair(Signatures.publicKey(publicKey.group()), Signatures.privateKey(privateKey.group()));
        byte[] probe = "trajectory-tracker key check".getBytes(StandardCharsets.UTF_8);
        if (!Signatures.verify(pair.getPublic(), probe, Signatures.sign(pair.getPrivate(), probe))) {
            throw new IllegalStateException(source + ": the public key does not belong to the private key");
        }
        return pair;
    }

    private static KeyPair fromDataDirectory(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file), file.toString());
            }
            KeyPair pair = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            String pem = Signatures.privateKeyPem(pair.getPrivate()) + Signatures.publicKeyPem(pair.getPublic());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.setPosixFilePermissions(file, ownerOnly);
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, pem);
            log.info("Generated the checkpoint signing key in {} (owner-only); back it up with the data", file);
            return pair;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the signing key " + file, e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(Signatures.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate Ed25519 keys", e);
        }
    }
}
