package nl.trajectorytracker.infra.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.springframework.data.mongodb.UncategorizedMongoDbException;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;


/**
 * MongoDB out of reach is a 503 the client may retry, with a problem detail, however the driver's failure reaches the
 * web layer (as it is, translated by Spring Data, wrapped by Axon); a fault of ours stays a 500.
 */
class DatabaseUnavailableTest {

    @RestController
    static class Failing {
        @GetMapping("/no-server")
        String noServer() {
            throw new MongoTimeoutException("Timed out while waiting for a server");
        }

        @GetMapping("/connection-broken")
        String connectionBroken() {
            throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
        }

        @GetMapping("/read-model-unreachable")
        String readModelUnreachable() {
            throw new DataAccessResourceFailureException("Timed out while waiting for a server");
        }

        @GetMapping("/pool-paused")
        String poolPaused() {
            throw new UncategorizedMongoDbException("Connection pool is paused because another operation failed",
                    new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), new ServerAddress()),
                            new MongoSocketReadTimeoutException("Timeout while receiving message",
                                    new ServerAddress(), new java.net.SocketTimeoutException())));
        }

        @GetMapping("/step-not-stored")
        String stepNotStored() {
            throw new CommandExecutionException("An event could not be stored", new EventStoreException(
                    "An event could not be persisted", new MongoCommandException(new BsonDocument("ok",
                            new BsonDouble(0)).append("code", new BsonInt32(14031)).append("errmsg",
                                    new BsonString("the journal cannot grow")), new ServerAddress())));
        }

        @GetMapping("/server-stopped")
        String serverStopped() {
            throw new MongoCommandException(new BsonDocument("ok", new BsonDouble(0))
                    .append("code", new BsonInt32(91)).append("codeName", new BsonString("ShutdownInProgress")),
                    new ServerAddress());
        }

        @GetMapping("/write-concern-not-met")
        String writeConcernNotMet() {
            throw new MongoWriteConcernException(new WriteConcernError(100, "UnsatisfiableWriteConcern",
                    "Not enough data-bearing nodes", new BsonDocument()), null, new ServerAddress());
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a fault of ours");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @Test
    void aDatabaseOutOfReach_isA503WithRetryAfter() throws Exception {
        for (String path : new String[] {"/no-server", "/connection-broken", "/read-model-unreachable",
                "/pool-paused", "/step-not-stored", "/server-stopped", "/write-concern-not-met"}) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.detail")
                            .value("The database cannot be reached at the moment. Try again later."));
        }
    }

    @Test
    void aFaultOfOurs_staysA500_thatRevealsNothing() throws Exception {
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred; it has been logged."));
    }
}
