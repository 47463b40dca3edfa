package nl.trajectorytracker.infra.eventstore;

import org.bson.Document;

/**
 * Whole numbers as stored: the service writes 64-bit integers, but a MongoDB shell, an export and import, or a restore
 * may write the same values as 32-bit integers or doubles. Read by type ({@code Document#getLong}), one such field
 * failed every append, stopped every read model and the audit log, and kept the service from starting. A number is
 * a number whatever its BSON type; anything else is refused naming the field, never read as something else.
 */
public final class StoredNumbers {

    private StoredNumbers() {
    }

    /** The whole number in {@code field}, or null when the field is absent or null. */
    public static Long nullable(Document document, String field) {
        Object value = document.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)
                && Math.abs(number) < 0x1p53) {
            return number.longValue();
        }
        throw new IllegalStateException("The stored field " + field + " holds " + value + " ("
                + value.getClass().getSimpleName() + "), not a whole number, in document " + document.get("_id"));
    }

    /** The whole number in {@code field}, which must be there. */
    public static long of(Document document, String field) {
        Long value = nullable(document, field);
        if (value == null) {
            throw new IllegalStateException("The stored field " + field + " is missing in document "
                    + document.get("_id"));
        }
        return value;
    }
}
