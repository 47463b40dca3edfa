package nl.trajectorytracker.query.access;

import java.util.Collection;
import java.util.Set;

/**
 * Which trajectories an organisation is a party of, as the record says (the trajectory's first stored event, which
 * the audit chain covers), not as a read model's copy of the parties says: nothing protects those, and a party added
 * to one in the database would show that organisation the trajectory. Implemented by the security of the application.
 */
@FunctionalInterface
public interface PartiesOnRecord {

    /** Of these trajectory ids, those whose record names the organisation among its parties. */
    Set<String> partyOf(String organisation, Collection<String> trajectoryIds);
}
