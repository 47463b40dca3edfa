package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With {@code MONGODB_URI} set, each test's tracker gets a database of its own on that MongoDB, options kept. */
class RunningTrackerOnRealMongoTest {

    @Test
    void theDatabaseOfTheUriIsReplaced_andItsOptionsKept() {
        assertThat(RunningTracker.withDatabase("mongodb://db1:27017,db2:27017/?replicaSet=rs0", "tracker_1"))
                .isEqualTo("mongodb://db1:27017,db2:27017/tracker_1?replicaSet=rs0");
        assertThat(RunningTracker.withDatabase("mongodb://db1:27017/tracker?w=majority", "tracker_2"))
                .isEqualTo("mongodb://db1:27017/tracker_2?w=majority");
        assertThat(RunningTracker.withDatabase("mongodb+srv://user:pw@cluster.example.net", "tracker_3"))
                .isEqualTo("mongodb+srv://user:pw@cluster.example.net/tracker_3");
        assertThat(RunningTracker.withDatabase("mongodb://localhost/other", "tracker_4"))
                .isEqualTo("mongodb://localhost/tracker_4");
    }
}
