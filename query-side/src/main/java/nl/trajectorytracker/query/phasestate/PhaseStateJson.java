package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
     * every other value is converted by Jackson; an item of a list is converted only if the previous state held that
     * very item at the same place of the same list. Items are immutable records (their own lists frozen) that the
     * fold carries over from state to state, so a state that grew by one note converts one note, and the lists it
     * returns hold the same item maps as before (which the list buckets then compare by identity). Finding a kept
     * item is a comparison of references: it was a look-up in an identity map of every item, which cost more than
     * the rest of the read model's work once a trajectory had a few thousand notes.
     */
    public static final class Incremental {

        /** Per list, by its path in the state: the items of the state converted last and the maps they became. */
        private volatile Map<String, Converted> lists = Map.of();

        private record Converted(Object[] items, Object[] maps) {
        }

        public Map<String, Object> toMap(PhaseState state) {
            Map<String, Converted> converted = new HashMap<>();
            Map<String, Object> map = walk(state, "", converted);
            lists = converted;
            return map;
        }

        private Map<String, Object> walk(Object container, String path, Map<String, Converted> converted) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : properties(container.getClass())) {
                if (property.getAccessor() != null) {
                    String name = property.getName();
                    map.put(name, value(property.getAccessor().getValue(container), path + name, converted));
                }
            }
            return map;
        }

        private Object value(Object value, String path, Map<String, Converted> converted) {
            if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
                return value;
            }
            if (value instanceof PhaseState.PhaseSection) {
                return walk(value, path + ".", converted);
            }
            if (value instanceof List<?> list) {
                Converted before = lists.get(path);
                Object[] items = list.toArray();
                Object[] maps = new Object[items.length];
                for (int i = 0; i < items.length; i++) {
                    Object item = items[i];
                    if (before != null && i < before.items().length && before.items()[i] == item) {
                        maps[i] = before.maps()[i];
                    } else {
                        maps[i] = item instanceof Record ? MAPPER.convertValue(item, Object.class)
                                : value(item, path + "[]", converted);
                    }
                }
                converted.put(path, new Converted(items, maps));
                return new ArrayList<>(Arrays.asList(maps));
            }
            return MAPPER.convertValue(value, Object.class);
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
