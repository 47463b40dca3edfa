package nl.trajectorytracker.infra.mongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.core.env.Environment;


import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

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

    /**
     * What every write of the application waits for, on the embedded default and on a real MongoDB alike: a majority
     * of the members, each with the write in its journal, so an acknowledged write survives the loss of the primary
     * (and on the embedded server, a replica set of one member, a crash of the process).
     */
    static final WriteConcern WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true);

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUriConfigured.class)
    EmbeddedMongo embeddedMongo(@Value("${tracker.data-dir:./data}") Path dataDirectory,
            @Value("${tracker.embedded-mongo.port:0}") int port,
            @Value("${tracker.embedded-mongo.commit-interval:1s}") Duration commitInterval,
            @Value("${tracker.embedded-mongo.sync-journal:false}") boolean syncJournal) {
        return EmbeddedMongo.start(dataDirectory, port, commitInterval, syncJournal);
    }

    /** The write concern for the client, and so for every store and read model; a URI's own is overridden. */
    @Bean
    MongoClientSettingsBuilderCustomizer trackerWriteConcern() {
        return settings -> settings.writeConcern(WRITE_CONCERN);
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(Environment environment, ObjectProvider<EmbeddedMongo> embedded) {
        ConnectionString connection = new ConnectionString(configuredUri(environment)
                .orElseGet(() -> embedded.getObject().connectionString(DEFAULT_DATABASE)));
        return () -> connection;
    }

    /** The database of the event store, the token store and the other stores, with {@link #WRITE_CONCERN}. */
    @Bean
    MongoDatabase trackerDatabase(MongoClient client, MongoConnectionDetails details) {
        String name = details.getConnectionString().getDatabase();
        return client.getDatabase(name == null ? DEFAULT_DATABASE : name).withWriteConcern(WRITE_CONCERN);
    }
}
