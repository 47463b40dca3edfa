package nl.trajectorytracker.infra.eventstore;

import org.bson.Document;

/**
 * What another capability adds to every commit the event store appends (the audit trail links and signs it). Both
 * calls run under the store's append lock, one commit at a time in position order, so a hook sees the commits of
 * this process in the order they are stored.
 */
public interface CommitHook {

    /** Before the insert: may add fields to the commit and to its events; a failure refuses the commit. */
    void sealing(Document commit);

    /** After the insert succeeded; must not fail (the commit is stored). */
    void committed(Document commit);

    /**
     * The highest position known taken outside the store (the positions an audit log has taken in): a new commit goes
     * after it. A store restored from an older copy ends below it, and a commit stored at a position the log holds
     * another commit for was judged forged, and never taken in.
     */
    default long positionsTaken() {
        return 0;
    }
}
