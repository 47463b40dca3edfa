package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * Makes sure an administrator can get in. {@code TRACKER_ADMIN_TOKEN} (environment or property) names the
 * administrator's token: its hash is stored for the account {@value #ADMIN_NAME}. Without it, on the embedded
 * default, the first start creates an administrator and writes its token to {@code <data-dir>/admin-token},
 * readable by the owner only; the log says where, never what. On an external MongoDB without either, nobody can
 * administer until {@code TRACKER_ADMIN_TOKEN} is set. A changed {@code TRACKER_ADMIN_TOKEN} revokes the previous
 * one; a revoked configured token is not brought back.
 */
@Component
public class AdminBootstrap implements InitializingBean {

    static final String ADMIN_NAME = "admin";
    static final String TOKEN_FILE = "admin-token";
    static final String ADMIN_TOKEN_PROPERTY = "TRACKER_ADMIN_TOKEN";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountStore accounts;
    private final Environment environment;
    private final ObjectProvider<EmbeddedMongo> embedded;
    private final Path dataDirectory;

    public AdminBootstrap(AccountStore accounts, Environment environment, ObjectProvider<EmbeddedMongo> embedded,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.accounts = accounts;
        this.environment = environment;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void afterPropertiesSet() {
        String configured = environment.getProperty(ADMIN_TOKEN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            useConfiguredToken(configured.strip());
        } else if (accounts.hasActiveAdministrator()) {
            log.debug("An administrator exists");
        } else if (embedded.getIfAvailable() != null) {
            createFirstAdministrator();
        } else {
            log.warn("No administrator account exists; set {} to create one", ADMIN_TOKEN_PROPERTY);
        }
    }

    private void useConfiguredToken(String token) {
        if (!ApiTokens.looksLikeApiToken(token) || token.length() < ApiTokens.MIN_LENGTH) {
            throw new IllegalStateException(ADMIN_TOKEN_PROPERTY + " must start with '" + ApiTokens.PREFIX
                    + "' and be at least " + ApiTokens.MIN_LENGTH + " characters long");
        }
        long replaced = accounts.revokeConfiguredTokensOtherThan(token);
        if (replaced > 0) {
            log.info("Revoked {} earlier administrator token(s) set by {}", replaced, ADMIN_TOKEN_PROPERTY);
        }
        if (accounts.findToken(token).isPresent()) {
            return;
        }
        Account admin = accounts.allAccounts().stream()
                .filter(account -> account.name().equals(ADMIN_NAME) && account.role() == Role.ADMIN
                        && account.active())
                .findFirst()
                .orElseGet(() -> accounts.create(uniqueAdminName(), Role.ADMIN, null, List.of()));
        accounts.storeConfiguredToken(admin.id(), token);
        log.info("The administrator token from {} is active for account '{}'", ADMIN_TOKEN_PROPERTY, admin.name());
    }

    private String uniqueAdminName() {
        List<String> taken = accounts.allAccounts().stream().map(Account::name).toList();
        String name = ADMIN_NAME;
        for (int i = 2; taken.contains(name); i++) {
            name = ADMIN_NAME + "-" + i;
        }
        return name;
    }

    private void createFirstAdministrator() {
        Account admin = accounts.create(uniqueAdminName(), Role.ADMIN, null, List.of());
        AccountStore.IssuedToken issued = accounts.issueToken(admin.id());
        Path file = dataDirectory.resolve(TOKEN_FILE).toAbsolutePath();
        try {
            writeOwnerOnly(file, issued.token() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the administrator token to " + file, e);
        }
        log.info("First start: created administrator '{}'; its API token is in {} (readable by you only)",
                admin.name(), file);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.setPosixFilePermissions(file, ownerOnly);
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
