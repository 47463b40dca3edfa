package nl.trajectorytracker.infra.eventstore;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A mongo-java-server in memory with a real driver client, for storage tests that need no file. */
final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    InMemoryMongo() {
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    MongoDatabase database() {
        return client.getDatabase("test");
    }

    static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                .build();
    }

    MongoEventStorageEngine engine() {
        Serializer serializer = serializer();
        return MongoEventStorageEngine.builder()
                .database(database())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
