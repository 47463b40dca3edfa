package nl.trajectorytracker.command.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.values.InvalidValueException;

class IfMatchTest {

    @Test
    void aVersion_isReadQuotedBareOrWeak() {
        assertThat(IfMatch.expectedVersion("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.expectedVersion("3")).isEqualTo(3L);
        assertThat(IfMatch.expectedVersion("W/\"12\"")).isEqualTo(12L);
    }

    @Test
    void noHeaderOrAStar_expectsNoVersion() {
        assertThat(IfMatch.expectedVersion(null)).isNull();
        assertThat(IfMatch.expectedVersion(" ")).isNull();
        assertThat(IfMatch.expectedVersion("*")).isNull();
    }

    @Test
    void anythingElse_isInvalid_namingTheHeader() {
        assertThatThrownBy(() -> IfMatch.expectedVersion("\"abc\""))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("If-Match"));
        assertThatThrownBy(() -> IfMatch.expectedVersion("-1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theETag_isTheQuotedVersion() {
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
    }
}
