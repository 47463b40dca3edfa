package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerMonitorListener;

/**
 * The embedded server answers every connection while one of them runs a long command: other clients' commands and
 * the driver's heartbeats alike, so the driver never takes the server for gone and never pauses its pool.
 */
class WireServerTest {

    @Test
    void aLongCommand_holdsUpNoOtherConnection_norTheDriversHeartbeats() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<ServerHeartbeatFailedEvent> failedHeartbeats = new CopyOnWriteArrayList<>();
        try (WireServer server = WireServer.listen(new PatchedH2BackendCanaryTest.SlowBackend(release),
                "127.0.0.1", 0)) {
            String uri = "mongodb://127.0.0.1:" + server.address().getPort();
            MongoClientSettings watched = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(uri + "/?connectTimeoutMS=500"))
                    .applyToServerSettings(settings -> settings.heartbeatFrequency(200, TimeUnit.MILLISECONDS)
                            .addServerMonitorListener(new ServerMonitorListener() {
                                @Override
                                public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
                                    failedHeartbeats.add(event);
                                }
                            }))
                    .build();
            try (MongoClient slow = MongoClients.create(uri); MongoClient other = MongoClients.create(watched)) {
                other.getDatabase("tracker").runCommand(new Document("ping", 1));
                Thread blocked = new Thread(() -> slow.getDatabase("tracker").runCommand(new Document("slow", 1)));
                blocked.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                int answered = 0;
                while (System.nanoTime() < until) {
                    long begin = System.nanoTime();
                    other.getDatabase("tracker").runCommand(new Document("ping", 1));
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).isLessThan(500);
                    answered++;
                }
                assertThat(blocked.isAlive()).as("the long command still runs").isTrue();
                assertThat(answered).isPositive();
                release.countDown();
                blocked.join(5_000);
            }
        } finally {
            release.countDown();
        }
        assertThat(failedHeartbeats).isEmpty();
    }
}
