package nl.trajectorytracker.infra.mongo;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * The embedded store in a directory with a plain driver client on its {@code tracker} database: for tests of one
 * component over MongoDB, without the application.
 */
public record PlainStore(EmbeddedMongo server, MongoClient client) implements AutoCloseable {

    public static PlainStore start(Path directory) {
        EmbeddedMongo server = EmbeddedMongo.start(directory, 0);
        return new PlainStore(server, MongoClients.create(server.connectionString("tracker")));
    }

    public MongoDatabase database() {
        return client.getDatabase("tracker");
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
