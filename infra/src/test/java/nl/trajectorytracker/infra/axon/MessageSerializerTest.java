package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.fasterxml.jackson.databind.Module;

import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** The events as the event store keeps them: read back as written, and a shape no class has fails the read. */
class MessageSerializerTest {

    private final Serializer serializer = new AxonConfiguration()
            .serializer(new StaticListableBeanFactory().getBeanProvider(Module.class));
    private final NoteAdded note = new NoteAdded(TrajectoryId.random(), "First talk", Phase.CO_DESIGN,
            new Actor("anna", "Zilveren Kruis"), Instant.parse("2026-11-28T06:00:00.123456Z"));

    @Test
    void anEvent_readsBackAsItWasWritten() {
        SerializedObject<String> written = serializer.serialize(note, String.class);

        NoteAdded read = serializer.deserialize(written);

        assertThat(read).isEqualTo(note);
        assertThat(written.getData()).contains("\"2026-11-28T06:00:00.123456Z\"");
    }

    @Test
    void aStoredEventWithAPropertyNoClassHas_failsLoudly() {
        SerializedObject<String> written = serializer.serialize(note, String.class);
        SerializedObject<String> drifted = new SimpleSerializedObject<>(
                written.getData().replaceFirst("\\{", "{\"removedLater\": 1, "), String.class, written.getType());

        assertThatThrownBy(() -> serializer.deserialize(drifted)).isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("removedLater");
    }
}
