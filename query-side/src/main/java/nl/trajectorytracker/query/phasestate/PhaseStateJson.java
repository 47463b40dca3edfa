package nl.trajectorytracker.query.phasestate;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of a {@link PhaseState}: how it is stored in its documents and compared by the diff. Times are
 * ISO-8601 strings, so the stored form round-trips exactly on any MongoDB. Strict: a stored property the state no
 * longer has fails the read (a read model of an older shape is rebuilt at start-up, see {@code StoredShape}).
 */
public final class PhaseStateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private PhaseStateJson() {
    }

    public static Map<String, Object> toMap(PhaseState state) {
        return MAPPER.convertValue(state, new TypeReference<Map<String, Object>>() {
        });
    }

    public static PhaseState fromMap(Map<String, Object> map) {
        return MAPPER.convertValue(map, PhaseState.class);
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** An item of one of a state's lists (a note, a decision...) as plain Java values. */
    static Object itemToPlain(Object item) {
        return MAPPER.convertValue(item, Object.class);
    }

    /** A JSON node as plain Java values (maps, lists, strings, numbers, booleans), for any JSON writer. */
    public static Object plain(JsonNode node) {
        return node == null ? null : MAPPER.convertValue(node, Object.class);
    }
}
