package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only the coordinator's wait on full work packages is shortened; its other waits are Axon's. */
class PromptCoordinatorExecutorTest {

    private final PromptCoordinatorExecutor executor = new PromptCoordinatorExecutor("overview");

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void theWaitOnFullWorkPackages_isShort() {
        ScheduledFuture<?> look = executor.schedule(() -> { }, 100, TimeUnit.MILLISECONDS);

        assertThat(look.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(2);
    }

    @Test
    void otherWaits_areKept() {
        ScheduledFuture<?> claim = executor.schedule(() -> { }, 5, TimeUnit.SECONDS);
        ScheduledFuture<?> backOff = executor.schedule(() -> { }, 500, TimeUnit.MILLISECONDS);

        assertThat(claim.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(4_000);
        assertThat(backOff.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(400);
    }
}
