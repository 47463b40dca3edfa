package nl.trajectorytracker.infra.eventstore;

/**
 * The keyed seal the event store puts on every snapshot it stores and asks of every snapshot it reads. A snapshot
 * decides what the next command may do (who the parties are, which phase the trajectory is in), and the audit chain
 * does not cover it: one changed in the database would have the service sign steps its own record forbids.
 */
public interface SnapshotSeal {

    /** The seal over a snapshot's stored fields, joined; the same fields give the same seal. */
    String over(String fields);
}
