package nl.trajectorytracker.infra.security.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import nl.trajectorytracker.api.values.PersonalData;

/** Marked strings are stored sealed and read back as written, whatever the order of the sealed form's members. */
class PersonalDataModuleTest {

    record Signed(@PersonalData String by, String note) {
    }

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final PersonalDataVault vault = new PersonalDataVault(client.getDatabase("test"), Clock.systemUTC());
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new PersonalDataModule(vault));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aMarkedStringIsSealedAndReadBack_unmarkedOnesStayPlain() throws Exception {
        String json = mapper.writeValueAsString(new Signed("anna", "first talk"));

        ObjectNode stored = (ObjectNode) mapper.readTree(json);
        assertThat(stored.get("by").has(PersonalDataModule.KEY_ID)).isTrue();
        assertThat(json).doesNotContain("anna").contains("first talk");
        assertThat(mapper.readValue(json, Signed.class)).isEqualTo(new Signed("anna", "first talk"));
    }

    @Test
    void theSealedFormIsReadInAnyMemberOrder_withMembersAddedLater() throws Exception {
        ObjectNode stored = (ObjectNode) mapper.readTree(mapper.writeValueAsString(new Signed("anna", "n")));
        String keyId = stored.get("by").get(PersonalDataModule.KEY_ID).asText();
        String ciphertext = stored.get("by").get(PersonalDataModule.CIPHERTEXT).asText();
        String reordered = "{\"note\":\"n\",\"by\":{\"later\":{\"x\":[1,2]},\"ct\":\"" + ciphertext + "\",\"pd\":\""
                + keyId + "\"}}";

        assertThat(mapper.readValue(reordered, Signed.class)).isEqualTo(new Signed("anna", "n"));
    }

    @Test
    void plainTextStoredBeforeSealingIsReadAsItIs_andAnIncompleteSealIsAnError() throws Exception {
        assertThat(mapper.readValue("{\"by\":\"anna\",\"note\":\"n\"}", Signed.class))
                .isEqualTo(new Signed("anna", "n"));
        assertThatThrownBy(() -> mapper.readValue("{\"by\":{\"pd\":\"k1\"},\"note\":\"n\"}", Signed.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("needs 'pd' and 'ct'");
    }

    @Test
    void afterErasureTheValueReadsAsErased() throws Exception {
        String json = mapper.writeValueAsString(new Signed("anna", "n"));
        vault.erase("anna");

        assertThat(mapper.readValue(json, Signed.class)).isEqualTo(new Signed(PersonalData.ERASED, "n"));
    }
}
