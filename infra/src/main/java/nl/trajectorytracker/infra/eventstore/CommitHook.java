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
}
