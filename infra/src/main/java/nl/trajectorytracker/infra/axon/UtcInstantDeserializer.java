package nl.trajectorytracker.infra.axon;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import nl.trajectorytracker.infra.time.IsoInstants;

/**
 * Reads the instants of messages as Jackson's {@link InstantDeserializer} does, the UTC text this application writes
 * without a formatter (see {@link IsoInstants}); any other form goes to Jackson's.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = IsoInstants.parseUtcOrNull(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
