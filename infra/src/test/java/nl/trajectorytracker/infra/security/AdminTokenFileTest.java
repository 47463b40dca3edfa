package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.infra.RunningTracker;

/** The first start on the embedded default hands the administrator token over in a file only the owner reads. */
class AdminTokenFileTest {

    @TempDir
    Path data;

    @Test
    void theFirstStart_writesAnOwnerOnlyAdminTokenFile_thatWorksAsABearerToken() throws Exception {
        Path file = data.resolve(AdminBootstrap.TOKEN_FILE);
        String token;
        try (RunningTracker tracker = RunningTracker.startWithoutAdminToken(data)) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            token = Files.readString(file).strip();
            assertThat(token).startsWith(ApiTokens.PREFIX);

            assertThat(tracker.as(token).get("/api/admin/accounts").status()).isEqualTo(200);
            assertThat(tracker.as(token).get("/api/trajectories").status()).isEqualTo(403);
        }

        try (RunningTracker again = RunningTracker.startWithoutAdminToken(data)) {
            assertThat(Files.readString(file).strip()).as("no new administrator on a later start").isEqualTo(token);
            assertThat(again.as(token).get("/api/admin/accounts").json()).hasSize(1);
        }
    }

    @Test
    void withTrackerAdminTokenSet_noFileIsWritten_andThatTokenIsTheAdministrator() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            assertThat(data.resolve(AdminBootstrap.TOKEN_FILE)).doesNotExist();
            assertThat(tracker.asAdmin().get("/api/admin/accounts").status()).isEqualTo(200);
        }
    }

    @Test
    void aChangedTrackerAdminToken_replacesThePreviousOne() {
        String rotated = "tt_rotated-administrator-token-abcdefghijklmnop";
        try (RunningTracker tracker = RunningTracker.start(data)) {
            assertThat(tracker.asAdmin().get("/api/admin/accounts").status()).isEqualTo(200);
        }

        try (RunningTracker tracker = RunningTracker.start(data, "TRACKER_ADMIN_TOKEN=" + rotated)) {
            assertThat(tracker.asAdmin().get("/api/admin/accounts").status()).isEqualTo(401);
            assertThat(tracker.as(rotated).get("/api/admin/accounts").json()).hasSize(1);
        }
    }

    @Test
    void aTrackerAdminTokenWithoutThePrefix_stopsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> RunningTracker.start(data, "TRACKER_ADMIN_TOKEN=short").close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("TRACKER_ADMIN_TOKEN");
    }
}
