package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

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
}
