package nl.trajectorytracker.infra.mongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.core.env.Environment;


import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.eventstore.DurabilityBarrier;

/**
 * Chooses the MongoDB to use. A URI in {@code MONGODB_URI}, {@code spring.mongodb.uri} or
 * {@code spring.data.mongodb.uri} selects that MongoDB; without one, the embedded server starts.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    static final String DEFAULT_DATABASE = "tracker";

    static Optional<String> configuredUri(Environment environment) {
        for (String property : new String[] {"MONGODB_URI", "spring.mongodb.uri", "spring.data.mongodb.uri"}) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUriConfigured.class)
    EmbeddedMongo embeddedMongo(@Value("${tracker.data-dir:./data}") Path dataDirectory,
            @Value("${tracker.embedded-mongo.port:0}") int port,
            @Value("${tracker.embedded-mongo.commit-interval:1s}") Duration commitInterval,
            @Value("${tracker.embedded-mongo.sync-journal:false}") boolean syncJournal) {
        return EmbeddedMongo.start(dataDirectory, port, commitInterval, syncJournal);
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(Environment environment, ObjectProvider<EmbeddedMongo> embedded) {
        ConnectionString connection = new ConnectionString(configuredUri(environment)
                .orElseGet(() -> embedded.getObject().connectionString(DEFAULT_DATABASE)));
        return () -> connection;
    }

    /**
     * The database the event store and token store use. On a real MongoDB, writes wait for a journaled majority,
     * so an acknowledged command survives the loss of the primary.
     */
    @Bean
    MongoDatabase trackerDatabase(MongoClient client, MongoConnectionDetails details,
            ObjectProvider<EmbeddedMongo> embedded) {
        String name = details.getConnectionString().getDatabase();
        MongoDatabase database = client.getDatabase(name == null ? DEFAULT_DATABASE : name);
        return embedded.getIfAvailable() == null
                ? database.withWriteConcern(WriteConcern.MAJORITY.withJournal(true))
                : database;
    }

    /** On the embedded default, an acknowledged command is in the journal or the data file; a real MongoDB journals. */
    @Bean
    DurabilityBarrier durabilityBarrier(ObjectProvider<EmbeddedMongo> embedded) {
        EmbeddedMongo server = embedded.getIfAvailable();
        if (server == null) {
            return DurabilityBarrier.NONE;
        }
        return server.durabilityBarrier();
    }
}
