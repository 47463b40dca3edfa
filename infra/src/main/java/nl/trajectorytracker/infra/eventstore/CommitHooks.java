package nl.trajectorytracker.infra.eventstore;

/**
 * Where the audit hooks into the event store: a {@link CommitHook} that it calls for every commit it appends, and the
 * {@link StoreSeal} of its snapshots.
 */
public interface CommitHooks {

    /** Sets the one hook that sees every commit. */
    void hook(CommitHook hook);

    /** Sets the seal of every snapshot stored from now on; a snapshot read without it is not used. */
    void sealSnapshots(StoreSeal seal);
}
