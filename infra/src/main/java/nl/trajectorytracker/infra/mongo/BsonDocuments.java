package nl.trajectorytracker.infra.mongo;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The embedded server's documents stored in H2 as BSON. The stock backend stores them with Java serialization, which
 * was most of the time the periodic store commit took (and the commit holds every request while it writes), and all
 * of the time spent decoding a page read back from the file. Every document arrived as BSON, so BSON holds it
 * exactly; should one hold a value the encoder does not know, it is stored Java-serialized as before, marked so.
 */
final class BsonDocuments extends BasicDataType<Document> {

    private static final byte BSON = 0;
    private static final byte JAVA_SERIALIZED = 1;

    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, BsonSize.estimate(document));
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, encoded);
            buffer.put(BSON).putVarInt(encoded.readableBytes()).put(encoded.nioBuffer());
        } catch (RuntimeException e) {
            byte[] serialized = ObjectDataType.serialize(document);
            buffer.put(JAVA_SERIALIZED).putVarInt(serialized.length).put(serialized);
        } finally {
            encoded.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte format = buffer.get();
        int length = DataUtils.readVarInt(buffer);
        int start = buffer.position();
        buffer.position(start + length);
        if (format == JAVA_SERIALIZED) {
            byte[] serialized = new byte[length];
            buffer.get(start, serialized);
            return (Document) ObjectDataType.deserialize(serialized);
        }
        // the decoder copies every value out, so the page's buffer is not kept
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start, length)));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
