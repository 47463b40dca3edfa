package nl.trajectorytracker.infra.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Axon's Jackson serializer, lenient as {@code JacksonSerializer.builder().lenientDeserialization()} makes it, that
 * remembers the class of every type name it resolved and the reader of every class it read. Axon's own looks the
 * class up by name ({@code Class.forName}) and builds a reader for every payload and every metadata it reads: twice
 * per event streamed, on the processor's single coordinating thread among others. Names it cannot resolve are not
 * remembered here (Axon keeps those itself); readers are immutable and shared between threads.
 *
 * <p>
 * Metadata that is a flat object of texts, as ours always is, is read by {@link FlatJsonObject}: Axon's reads it as
 * a map of untyped values through the data binder, looking the map's reader up again for every event, which cost
 * about as much as reading the payload.
 */
final class ClassCachingJacksonSerializer extends JacksonSerializer {

    private static final String METADATA = MetaData.class.getName();

    private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    ClassCachingJacksonSerializer(ObjectMapper mapper) {
        super(JacksonSerializer.builder().objectMapper(lenient(mapper)));
    }

    private static ObjectMapper lenient(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (serialized.getData() instanceof String json && METADATA.equals(serialized.getType().getName())) {
            MetaData flat = flatMetaData(json);
            if (flat != null) {
                return (T) flat;
            }
        }
        return super.deserialize(serialized);
    }

    /** The metadata, when it is one object whose values are all texts; {@code null} for anything else. */
    private static MetaData flatMetaData(String json) {
        Map<String, Object> members = FlatJsonObject.parseOrNull(json);
        return members == null ? null : MetaData.from(members);
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
