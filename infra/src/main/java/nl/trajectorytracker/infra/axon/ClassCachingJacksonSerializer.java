package nl.trajectorytracker.infra.axon;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
 */
final class ClassCachingJacksonSerializer extends JacksonSerializer {

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
