package nl.trajectorytracker.infra.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/** MongoDB out of reach is a 503 the client may retry, with a problem detail; a fault of ours stays a 500. */
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

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a fault of ours");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemDetailsAdvice(
                    new StaticListableBeanFactory().getBeanProvider(EmbeddedMongo.class)))
            .build();

    @Test
    void aDatabaseOutOfReach_isA503WithRetryAfter() throws Exception {
        for (String path : new String[] {"/no-server", "/connection-broken", "/read-model-unreachable"}) {
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
