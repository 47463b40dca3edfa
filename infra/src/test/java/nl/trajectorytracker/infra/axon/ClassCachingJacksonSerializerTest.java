package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/** The message serializer reads what it wrote, again and again, and tolerates what Axon's lenient one tolerates. */
class ClassCachingJacksonSerializerTest {

    private final ClassCachingJacksonSerializer serializer = new ClassCachingJacksonSerializer(
            AxonConfiguration.messageObjectMapper());

    @Test
    void readsBackWhatItWrote_everyTime() {
        AddNote note = new AddNote(TrajectoryId.random(), "first talk", new Actor("anna", "Zilveren Kruis"),
                Instant.parse("2026-11-28T06:00:00Z"));
        SerializedObject<String> written = serializer.serialize(note, String.class);

        for (int i = 0; i < 3; i++) {
            AddNote read = serializer.deserialize(written);
            assertThat(read).isEqualTo(note);
        }
        assertThat(serializer.classForType(written.getType())).isEqualTo(AddNote.class);
    }

    @Test
    void anUnknownType_staysUnknown_andAnUnknownFieldIsIgnored() {
        var unknown = new SimpleSerializedObject<>("{}", String.class,
                new SimpleSerializedType("nl.trajectorytracker.NoSuchEvent", "1"));
        assertThat(serializer.classForType(unknown.getType())).isEqualTo(UnknownSerializedType.class);
        assertThat((Object) serializer.deserialize(unknown)).isInstanceOf(UnknownSerializedType.class);

        var withExtraField = new SimpleSerializedObject<>(
                "{\"principal\":\"anna\",\"organisation\":\"Zilveren Kruis\",\"addedLater\":1}", String.class,
                new SimpleSerializedType(Actor.class.getName(), null));
        assertThat((Object) serializer.deserialize(withExtraField)).isEqualTo(new Actor("anna", "Zilveren Kruis"));
    }

    @Test
    void metaDataReadsBackAsAxonsOwnReadsIt_flatOrNot() {
        JacksonSerializer axons = JacksonSerializer.builder().objectMapper(AxonConfiguration.messageObjectMapper())
                .build();
        for (MetaData metaData : List.of(MetaData.emptyInstance(),
                MetaData.with("traceId", "t-1").and("correlationId", "c-1").and("requestCorrelationId", "r \"1\""),
                MetaData.with("traceId", "t-1").and("attempt", 3).and("nested", Map.of("a", List.of(1, "b"))),
                MetaData.with("nothing", null))) {
            SerializedObject<String> written = serializer.serialize(metaData, String.class);
            MetaData read = serializer.deserialize(written);
            assertThat(read).isEqualTo(metaData).isEqualTo(axons.deserialize(written));
        }
        var duplicateKey = new SimpleSerializedObject<>("{\"a\":\"1\",\"a\":\"2\"}", String.class,
                new SimpleSerializedType(MetaData.class.getName(), null));
        assertThat((Object) serializer.deserialize(duplicateKey)).isEqualTo(axons.deserialize(duplicateKey));
        var notAnObject = new SimpleSerializedObject<>("[1]", String.class,
                new SimpleSerializedType(MetaData.class.getName(), null));
        assertThatThrownBy(() -> axons.deserialize(notAnObject)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> serializer.deserialize(notAnObject)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void instantsReadAsJacksonReadsThem_inEveryFormItAccepts() {
        ObjectMapper mapper = AxonConfiguration.messageObjectMapper();
        ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule());
        for (String json : List.of("\"2026-11-28T06:00:00Z\"", "\"2026-11-28T06:00:00.123456Z\"",
                "\"2026-11-28T07:00:00+01:00\"", "\"2016-12-31T23:59:60Z\"", "1764309600", "1764309600.5",
                "\" 2026-11-28T06:00:00Z \"", "null")) {
            assertThat(read(mapper, json)).as(json).isEqualTo(read(jacksons, json));
        }
    }

    private static Instant read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
