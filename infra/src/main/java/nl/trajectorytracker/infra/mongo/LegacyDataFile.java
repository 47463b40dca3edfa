package nl.trajectorytracker.infra.mongo;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;

import io.netty.buffer.Unpooled;

/**
 * Converts, once, the maps an earlier version of the embedded server wrote in forms of its own into the maps this one
 * reads: a collection's documents stored as BSON ({@code <ns>._documents}) into the stock backend's map
 * ({@code databases.<ns>}), and a unique index stored by the stock backend ({@code <ns>._index_<name>}) into the
 * value-ordered map ({@code <ns>._ordered_index_<name>}). Each map is copied, the store committed, and only then the
 * old map removed: an old map that is still there after a crash was not copied whole, and is copied again.
 */
final class LegacyDataFile {

    private static final Logger log = LoggerFactory.getLogger(LegacyDataFile.class);
    /** The names {@code H2Database} gives a collection's maps. */
    static final String DATA_PREFIX = "databases.";
    static final String META_PREFIX = "meta.";
    private static final String BSON_DATA_SUFFIX = "._documents";
    private static final String STOCK_INDEX_INFIX = "._index_";

    private LegacyDataFile() {
    }

    /** Whether the store holds a map of an earlier form. */
    static boolean needsConversion(MVStore store) {
        return store.getMapNames().stream().anyMatch(name -> name.endsWith(BSON_DATA_SUFFIX)
                || (name.contains(STOCK_INDEX_INFIX) && !name.startsWith(DATA_PREFIX)));
    }

    /** Converts every map of an earlier form; the store is committed when this returns. */
    static void convert(MVStore store) {
        List<String> names = List.copyOf(store.getMapNames());
        for (String name : names) {
            if (name.endsWith(BSON_DATA_SUFFIX)) {
                String namespace = name.substring(0, name.length() - BSON_DATA_SUFFIX.length());
                copy(store, store.openMap(name, new MVMap.Builder<Object, Document>().valueType(new BsonDocuments())),
                        store.openMap(DATA_PREFIX + namespace), "documents of " + namespace);
            } else if (name.contains(STOCK_INDEX_INFIX) && !name.startsWith(DATA_PREFIX)) {
                int infix = name.indexOf(STOCK_INDEX_INFIX);
                String ordered = PatchedH2Backend.orderedIndexMapName(name.substring(0, infix),
                        name.substring(infix + STOCK_INDEX_INFIX.length()));
                MVMap<KeyValue, Object> target = store.openMap(ordered,
                        new MVMap.Builder<KeyValue, Object>().keyType(new PatchedH2Backend.KeyOrder()));
                copy(store, store.<KeyValue, Object>openMap(name), target, "index " + name);
            }
        }
    }

    private static <K, V> void copy(MVStore store, MVMap<K, V> from, MVMap<K, V> to, String what) {
        to.clear();
        for (Iterator<K> keys = from.keyIterator(null); keys.hasNext();) {
            K key = keys.next();
            to.put(key, from.get(key));
        }
        store.commit();
        store.removeMap(from);
        store.commit();
        log.info("Embedded store: {} converted to this version's form ({} entries)", what, to.sizeAsLong());
    }

    /**
     * How the earlier version stored a document: a format byte, the length, and the document as BSON (format 0) or,
     * for a value BSON could not hold, Java-serialized (format 1). Read only: nothing is written in this form.
     */
    static final class BsonDocuments extends BasicDataType<Document> {

        static final byte BSON = 0;
        static final byte JAVA_SERIALIZED = 1;

        @Override
        public int getMemory(Document document) {
            return (int) Math.min(Integer.MAX_VALUE, BsonSize.estimate(document));
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            throw new UnsupportedOperationException("documents are no longer stored as BSON");
        }

        @Override
        public Document read(ByteBuffer buffer) {
            byte format = buffer.get();
            int length = DataUtils.readVarInt(buffer);
            int start = buffer.position();
            buffer.position(start + length);
            byte[] bytes = new byte[length];
            buffer.get(start, bytes);
            if (format == JAVA_SERIALIZED) {
                return (Document) ObjectDataType.deserialize(bytes);
            }
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }
}
