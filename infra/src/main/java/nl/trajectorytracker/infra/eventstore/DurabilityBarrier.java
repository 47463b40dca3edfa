package nl.trajectorytracker.infra.eventstore;

/**
 * Called after a commit was acknowledged by MongoDB and before the command is acknowledged to its sender. A real
 * MongoDB makes writes durable through its write concern; the embedded server's H2 store needs an explicit commit,
 * or a crash loses the last second of acknowledged writes.
 */
@FunctionalInterface
public interface DurabilityBarrier {

    DurabilityBarrier NONE = () -> {
    };

    void awaitDurable();
}
