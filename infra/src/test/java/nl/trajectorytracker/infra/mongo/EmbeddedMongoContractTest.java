package nl.trajectorytracker.infra.mongo;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** The MongoDB contract the application relies on, kept by the embedded server. */
class EmbeddedMongoContractTest extends MongoContract {

    @TempDir
    static Path data;

    private static EmbeddedMongo embedded;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        embedded = EmbeddedMongo.start(data, 0);
        client = MongoClients.create(embedded.connectionString("tracker"));
    }

    @AfterAll
    static void stop() {
        client.close();
        embedded.close();
    }

    @Override
    MongoClient client() {
        return client;
    }
}
