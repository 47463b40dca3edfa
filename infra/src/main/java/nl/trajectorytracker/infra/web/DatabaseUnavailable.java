package nl.trajectorytracker.infra.web;

import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/**
 * Whether a failure means the database is out of reach for the moment, so the client may try again (503 with
 * {@code Retry-After}), rather than a fault of ours (500). The driver's exceptions reach the web layer as they are,
 * translated by Spring Data, or wrapped by Axon, so the whole chain of causes is looked at.
 */
final class DatabaseUnavailable {

    /**
     * Server error codes that mean "not now": shutting down, out of disk space, not primary, interrupted, timed
     * out, a write concern not met (MongoDB's error codes).
     */
    private static final Set<Integer> CODES = Set.of(6, 7, 50, 64, 89, 91, 100, 189, 262, 9001, 10107, 11600, 11602,
            13435, 13436, 14031);

    private DatabaseUnavailable() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoConnectionPoolClearedException
                    || cause instanceof MongoServerUnavailableException
                    || cause instanceof MongoWriteConcernException || cause instanceof MongoExecutionTimeoutException
                    || cause instanceof MongoInterruptedException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() != null) {
                return true;
            }
            if (cause instanceof MongoException mongo && (CODES.contains(mongo.getCode())
                    || mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }
}
