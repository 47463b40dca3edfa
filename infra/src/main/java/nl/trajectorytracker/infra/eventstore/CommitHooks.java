package nl.trajectorytracker.infra.eventstore;

/** Where a {@link CommitHook} is set: the event store calls it for every commit it appends. */
public interface CommitHooks {

    /** Sets the one hook that sees every commit. */
    void hook(CommitHook hook);
}
