package nl.trajectorytracker.query.readmodel;

import java.util.List;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * A projection that can be rebuilt and checked: it names its processing group and collections, and makes a copy of
 * itself that writes into collections named with a prefix, so a fresh replay can be compared with the live result.
 */
public interface ReplayableProjection {

    /** The processing group (and event processor) of the projection. */
    String processingGroup();

    /** The collections the projection writes, without prefix. */
    List<String> collections();

    /** A new instance of the projection writing to {@code prefix + collection} for each of its collections. */
    Object writingTo(MongoOperations mongo, String prefix);
}
