package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/** Two application instances on one store share the processors' work: no event is handled twice or missed. */
class TwoInstancesTest {

    @TempDir
    Path data;

    /** Records each handled event in MongoDB, counting any second delivery. */
    @Configuration(proxyBeanMethods = false)
    static class HandledOnceProbeConfiguration {

        @Bean
        HandledOnceProbe handledOnceProbe(MongoDatabase trackerDatabase) {
            return new HandledOnceProbe(trackerDatabase);
        }
    }

    @ProcessingGroup("handled-once-probe")
    static class HandledOnceProbe {

        private final MongoDatabase database;

        HandledOnceProbe(MongoDatabase database) {
            this.database = database;
        }

        @EventHandler
        void on(TrajectoryStarted event, EventMessage<?> message) {
            try {
                database.getCollection("probe_handled").insertOne(new Document("_id", message.getIdentifier()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                database.getCollection("probe_duplicates").updateOne(Filters.eq("_id", "count"),
                        Updates.inc("n", 1), new UpdateOptions().upsert(true));
            }
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TrajectoryTrackerApplication.class, HandledOnceProbeConfiguration.class)
                .web(WebApplicationType.NONE)
                .run(properties);
    }

    @Test
    void twoInstancesOnOneStore_handleEveryEventExactlyOnce_alsoWhenOneStops() throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.start(data, 0)) {
            String uri = "--MONGODB_URI=" + store.connectionString("tracker");
            // each instance keeps its own files (the audit witness) in a directory of its own, as deployed
            ConfigurableApplicationContext first = start(uri, "--axoniq.update-checker.disabled=true",
                    "--tracker.data-dir=" + data.resolve("first"));
            try (ConfigurableApplicationContext second = start(uri, "--axoniq.update-checker.disabled=true",
                    "--tracker.data-dir=" + data.resolve("second"))) {
                CompletableFuture<Void> viaFirst = CompletableFuture.runAsync(() -> write(first, 60));
                CompletableFuture<Void> viaSecond = CompletableFuture.runAsync(() -> write(second, 60));
                CompletableFuture.allOf(viaFirst, viaSecond).join();
                MongoDatabase shared = second.getBean(MongoDatabase.class);
                awaitHandled(shared, 120);

                first.close();
                write(second, 60);
                awaitHandled(shared, 180);

                assertThat(shared.getCollection("probe_handled").countDocuments()).isEqualTo(180);
                assertThat(shared.getCollection("probe_duplicates").countDocuments()).isZero();
            } finally {
                if (first.isActive()) {
                    first.close();
                }
            }
        }
    }

    private static void write(ConfigurableApplicationContext instance, int trajectories) {
        CommandGateway commands = instance.getBean(CommandGateway.class);
        List<Party> parties = List.of(new Party("CZ", PartyType.INSURER), new Party("Rivas", PartyType.CARE_PROVIDER));
        for (int i = 0; i < trajectories; i++) {
            commands.sendAndWait(new StartTrajectory(TrajectoryId.random(), "Instance test " + i, parties,
                    Actor.system(), Instant.now()));
        }
    }

    private static void awaitHandled(MongoDatabase database, long expected) {
        await("all events handled").atMost(Duration.ofSeconds(60))
                .until(() -> database.getCollection("probe_handled").countDocuments() >= expected);
    }
}
