package nl.trajectorytracker.infra.eventstore;

import java.util.List;

import org.bson.Document;

/**
 * The keyed seal the event store puts on what it keeps beside the audit chain and asks of it when it reads it back.
 * A snapshot decides what the next command may do (who the parties are, which phase the trajectory is in); a
 * tracking token decides which events a read model has applied. The audit chain covers neither: a snapshot changed
 * in the database would have the service sign steps its own record forbids, a token moved forward would have a read
 * model skip steps without a trace.
 */
public interface StoreSeal {

    /** The seal over a snapshot's stored fields, joined; the same fields give the same seal. */
    String over(String fields);

    /** The document with its seal over these fields, as stored. */
    Document sealed(Document document, List<String> fields);

    /** Whether the document carries its seal over these fields. */
    boolean holds(Document document, List<String> fields);
}
