package nl.trajectorytracker.infra.mongo;

import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;

/**
 * An upper bound of the size a value takes encoded as BSON, without encoding it: what the embedded server needs to
 * keep a reply batch under MongoDB's limit, computed for every document it returns, so it must cost far less than
 * the encoding that follows.
 */
final class BsonSize {

    /** Type byte, the field name's terminator and the widest fixed-size value (a decimal). */
    private static final int ELEMENT_OVERHEAD = 2 + 16;

    private BsonSize() {
    }

    static long estimate(Map<String, ?> document) {
        long size = 5;
        for (Map.Entry<String, ?> field : document.entrySet()) {
            size += ELEMENT_OVERHEAD + utf8Bound(field.getKey()) + value(field.getValue());
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static long value(Object value) {
        if (value instanceof String text) {
            return 5 + utf8Bound(text);
        }
        if (value instanceof Map<?, ?> document) {
            return estimate((Map<String, ?>) document);
        }
        if (value instanceof Collection<?> list) {
            long size = 5;
            int index = 0;
            for (Object element : list) {
                size += ELEMENT_OVERHEAD + Integer.toString(index++).length() + value(element);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return 5 + bytes.length;
        }
        if (value instanceof BinData binary) {
            return 5 + binary.getData().length;
        }
        if (value instanceof BsonJavaScript code) {
            return 5 + utf8Bound(code.getCode());
        }
        if (value instanceof BsonRegularExpression pattern) {
            String options = pattern.getOptions();
            return 2 + utf8Bound(pattern.getPattern()) + (options == null ? 0 : utf8Bound(options));
        }
        // numbers, booleans, dates, ids, uuids, null: within the element overhead
        return 0;
    }

    /** At most three bytes per UTF-16 unit (a surrogate pair takes four bytes for two units). */
    private static long utf8Bound(String text) {
        return 3L * text.length();
    }
}
