package nl.trajectorytracker.query.readmodel;

import java.util.List;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * A projection that can be rebuilt and checked: it names its processing group and every collection it writes, and
 * makes a copy of itself that writes into collections named with a prefix, so a fresh replay can be built next to the
 * live read model (and renamed in its place) or compared with it.
 */
public interface ReplayableProjection {

    /** The processing group (and event processor) of the projection. */
    String processingGroup();

    /** The collections the projection writes, without prefix. */
    List<String> collections();

    /** A new instance of the projection writing to {@code prefix + collection} for each of its collections. */
    Object writingTo(MongoOperations mongo, String prefix);
}
