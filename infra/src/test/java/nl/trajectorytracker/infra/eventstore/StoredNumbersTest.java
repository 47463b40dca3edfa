package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A stored whole number reads as itself whatever BSON type a shell or a restore gave it; anything else is refused. */
class StoredNumbersTest {

    @Test
    void aWholeNumber_readsAsItself_asInt64Int32OrAWholeDouble() {
        Document commit = new Document("_id", 7L).append("first", 5).append("at", 1.7e12).append("none", null);

        assertThat(StoredNumbers.of(commit, "_id")).isEqualTo(7L);
        assertThat(StoredNumbers.of(commit, "first")).isEqualTo(5L);
        assertThat(StoredNumbers.of(commit, "at")).isEqualTo(1_700_000_000_000L);
        assertThat(StoredNumbers.nullable(commit, "none")).isNull();
        assertThat(StoredNumbers.nullable(commit, "absent")).isNull();
    }

    @Test
    void anythingElse_isRefused_namingTheField() {
        Document commit = new Document("_id", 7L).append("first", "5").append("last", 5.5).append("at", Double.NaN);

        for (String field : new String[] {"first", "last", "at"}) {
            assertThatThrownBy(() -> StoredNumbers.of(commit, field)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(field).hasMessageContaining("7");
        }
        assertThatThrownBy(() -> StoredNumbers.of(commit, "absent")).hasMessageContaining("missing");
    }
}
