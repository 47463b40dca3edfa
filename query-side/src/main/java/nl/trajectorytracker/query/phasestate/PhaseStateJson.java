package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of a {@link PhaseState}: how it is stored in its document and compared by the diff. Times are
 * ISO-8601 strings, so the stored form round-trips exactly on any MongoDB.
 */
public final class PhaseStateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** The properties Jackson writes of each container type, looked up once. */
    private static final Map<Class<?>, List<BeanPropertyDefinition>> PROPERTIES = new ConcurrentHashMap<>();

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

    /**
     * Converts the successive states of one trajectory to their maps, each list item once. The maps are those of
     * {@link #toMap}: the state and its phase sections are walked property by property as Jackson sees them, and
     * every other value is converted by Jackson; an item of a list is converted only if the previous state did not
     * hold that very item. Items are immutable records (their own lists frozen) that the fold carries over from
     * state to state, so a state that grew by one note converts one note, not the whole history, and the lists it
     * returns hold the same item maps as before (which the list buckets then compare by identity).
     */
    public static final class Incremental {

        private volatile Map<Object, Object> converted = new IdentityHashMap<>();

        public Map<String, Object> toMap(PhaseState state) {
            Map<Object, Object> used = new IdentityHashMap<>();
            Map<String, Object> map = walk(state, used);
            converted = used;
            return map;
        }

        private Map<String, Object> walk(Object container, Map<Object, Object> used) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : properties(container.getClass())) {
                if (property.getAccessor() != null) {
                    map.put(property.getName(), value(property.getAccessor().getValue(container), used));
                }
            }
            return map;
        }

        private Object value(Object value, Map<Object, Object> used) {
            if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
                return value;
            }
            if (value instanceof PhaseState.PhaseSection) {
                return walk(value, used);
            }
            if (value instanceof List<?> list) {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(item instanceof Record ? item(item, used) : value(item, used));
                }
                return items;
            }
            return MAPPER.convertValue(value, Object.class);
        }

        private Object item(Object item, Map<Object, Object> used) {
            Object map = converted.get(item);
            if (map == null) {
                map = used.get(item);
            }
            if (map == null) {
                map = MAPPER.convertValue(item, Object.class);
            }
            used.put(item, map);
            return map;
        }

        private static List<BeanPropertyDefinition> properties(Class<?> type) {
            return PROPERTIES.computeIfAbsent(type, t -> MAPPER.getSerializationConfig()
                    .introspect(MAPPER.constructType(t)).findProperties());
        }
    }

    /** A JSON node as plain Java values (maps, lists, strings, numbers, booleans), for any JSON writer. */
    public static Object plain(JsonNode node) {
        return node == null ? null : MAPPER.convertValue(node, Object.class);
    }
}
