package nl.trajectorytracker.query.readmodel;

import org.springframework.dao.DataAccessException;

import com.mongodb.MongoException;

/**
 * Tells a failure for want of the database (out of reach, a write refused) from one over what it holds: the first is
 * waited out or answered 503, the second is a stored record the application cannot read.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Whether the database, not what it holds, caused this failure (anywhere in its causes). */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException || cause instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
