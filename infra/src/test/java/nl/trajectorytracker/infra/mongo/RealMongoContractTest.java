package nl.trajectorytracker.infra.mongo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The same contract, kept by the real MongoDB that {@code MONGODB_URI} names (a replica set; one member will do):
 * what the embedded server is tested for is what MongoDB does. Skipped, and reported so, without the variable.
 */
@EnabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+",
        disabledReason = "no MONGODB_URI: the contract is checked against the embedded server only")
class RealMongoContractTest extends MongoContract {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(System.getenv("MONGODB_URI"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    MongoClient client() {
        return client;
    }
}
