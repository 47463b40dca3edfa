package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/** Documents go into the store as BSON, and what BSON cannot hold still goes in, as before. */
class BsonDocumentsTest {

    private final BsonDocuments type = new BsonDocuments();

    @Test
    void aDocumentReadsBackEqual_andOneBsonCannotHoldReadsBackToo() {
        Document plain = new Document("_id", 1L).append("text", "t").append("list", List.of(1, "two"));
        Document odd = new Document("_id", 2L).append("locale", Locale.GERMANY);

        WriteBuffer written = new WriteBuffer();
        type.write(written, plain);
        type.write(written, odd);
        ByteBuffer stored = written.getBuffer().flip();

        assertThat(type.read(stored)).isEqualTo(plain);
        assertThat(type.read(stored)).isEqualTo(odd);
        assertThat(stored.hasRemaining()).isFalse();

        WriteBuffer oddAlone = new WriteBuffer();
        type.write(oddAlone, odd);
        assertThat(oddAlone.getBuffer().get(0)).as("marked as Java-serialized").isEqualTo((byte) 1);
    }
}
