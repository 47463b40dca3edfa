package nl.trajectorytracker.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;

import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;

/**
 * Boots the Trajectory Tracker: the command side, the read models and their wiring, in one process. With
 * {@code --verify-bundle=<file>} it verifies an exported audit bundle offline instead, before Spring starts.
 */
@SpringBootApplication(scanBasePackages = "nl.trajectorytracker")
@EnableMongoRepositories(basePackages = "nl.trajectorytracker.query")
public class TrajectoryTrackerApplication {

    public static void main(String[] args) {
        if (OfflineVerifier.requested(args)) {
            System.exit(OfflineVerifier.run(args, System.out));
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            SpringApplication.run(TrajectoryTrackerApplication.class, args);
        } catch (Throwable startupFailure) {
            // Spring has already reported why; make sure no leftover thread keeps a half-started process alive.
            System.err.println("Trajectory Tracker did not start: " + rootCause(startupFailure).getMessage());
            System.exit(1);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
