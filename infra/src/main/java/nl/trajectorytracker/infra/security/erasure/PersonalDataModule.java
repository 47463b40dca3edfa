package nl.trajectorytracker.infra.security.erasure;

import java.io.IOException;
import java.lang.reflect.Method;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.StringSerializer;

import nl.trajectorytracker.api.values.PersonalData;

/**
 * Jackson 2 module for Axon's message serializer: a text component marked {@link PersonalData} is written as
 * {@code {"pd": <key id>, "ct": <AES-GCM ciphertext>}} sealed with its person's key, and read back as the plaintext,
 * or as {@value PersonalData#ERASED} once that key is gone. Plain strings (written before sealing existed) are read
 * as they are. Every other string is untouched.
 */
public final class PersonalDataModule extends SimpleModule {

    static final String KEY_ID = "pd";
    static final String CIPHERTEXT = "ct";

    public PersonalDataModule(PersonalDataVault vault) {
        super("personal-data");
        addSerializer(String.class, new PlainOrSealedSerializer(vault, null));
        addDeserializer(String.class, new PlainOrSealedDeserializer(vault, false));
    }

    private static PersonalData marker(BeanProperty property) {
        return property == null ? null : property.getAnnotation(PersonalData.class);
    }

    /** Writes a marked string sealed, every other string as usual. */
    private static final class PlainOrSealedSerializer extends StdSerializer<String> implements ContextualSerializer {

        private final transient PersonalDataVault vault;
        private final PersonalData marker;

        PlainOrSealedSerializer(PersonalDataVault vault, PersonalData marker) {
            super(String.class);
            this.vault = vault;
            this.marker = marker;
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
            PersonalData found = marker(property);
            return found == null ? new StringSerializer() : new PlainOrSealedSerializer(vault, found);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (marker == null || PersonalData.ERASED.equals(value)) {
                generator.writeString(value);
                return;
            }
            PersonalDataVault.Sealed sealed = vault.seal(subjectOf(generator.currentValue(), value), value);
            generator.writeStartObject();
            generator.writeStringField(KEY_ID, sealed.keyId());
            generator.writeStringField(CIPHERTEXT, sealed.ciphertext());
            generator.writeEndObject();
        }

        private String subjectOf(Object owner, String value) {
            if (marker.subject().isEmpty() || owner == null) {
                return value;
            }
            try {
                Method accessor = owner.getClass().getDeclaredMethod(marker.subject());
                accessor.trySetAccessible();
                Object subject = accessor.invoke(owner);
                return subject == null ? value : subject.toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("@PersonalData(subject = \"" + marker.subject() + "\") names no "
                        + "accessor of " + owner.getClass().getName(), e);
            }
        }
    }

    /** Reads a marked string from its sealed form (or as plain text), every other string as usual. */
    private static final class PlainOrSealedDeserializer extends StdDeserializer<String>
            implements ContextualDeserializer {

        private final transient PersonalDataVault vault;
        private final boolean marked;

        PlainOrSealedDeserializer(PersonalDataVault vault, boolean marked) {
            super(String.class);
            this.vault = vault;
            this.marked = marked;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return marker(property) == null ? StringDeserializer.instance : new PlainOrSealedDeserializer(vault, true);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!marked || parser.currentToken() != JsonToken.START_OBJECT) {
                return StringDeserializer.instance.deserialize(parser, context);
            }
            // streamed, not read as a tree first: every event holds sealed values, a tree per value cost as much
            // as opening it
            String keyId = null;
            String ciphertext = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                String value = textOf(parser);
                if (KEY_ID.equals(name)) {
                    keyId = value;
                } else if (CIPHERTEXT.equals(name)) {
                    ciphertext = value;
                }
            }
            if (keyId == null || ciphertext == null) {
                throw JsonMappingException.from(parser, "Sealed personal data needs '" + KEY_ID + "' and '"
                        + CIPHERTEXT + "'");
            }
            return vault.open(new PersonalDataVault.Sealed(keyId, ciphertext));
        }

        /** The member's value as text, as a tree would give it ({@code ""} for an object or a list). */
        private static String textOf(JsonParser parser) throws IOException {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
                return "";
            }
            return parser.getText();
        }
    }
}
