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
        byte[] bytes;
        byte format = BSON;
        ByteBuf encoded = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, encoded);
            bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
        } catch (RuntimeException e) {
            format = JAVA_SERIALIZED;
            bytes = ObjectDataType.serialize(document);
        } finally {
            encoded.release();
        }
        buffer.put(format).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte format = buffer.get();
        int length = DataUtils.readVarInt(buffer);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
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
