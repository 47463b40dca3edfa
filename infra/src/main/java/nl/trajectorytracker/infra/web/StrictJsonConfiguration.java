package nl.trajectorytracker.infra.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as they are typed: a number or a boolean sent for a text, a text for a number or a
 * boolean, a fraction for a whole number, a number for an enum or a date beyond the year 9999 is a 400 naming the
 * field, never silently converted. A name twice in one object is refused, and unknown properties are refused too
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties}), so a misspelt field is not silently dropped.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    /** Dates and instants with a year of four digits, as ISO 8601 writes them without agreement on more. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    @Bean
    JsonMapperBuilderCustomizer strictRequestTypes() {
        return builder -> builder
                .addModule(new SimpleModule("four-digit-years")
                        .addDeserializer(LocalDate.class, new FourDigitYears<>(LocalDate.class, DATE, LocalDate::parse))
                        .addDeserializer(Instant.class, new FourDigitYears<>(Instant.class, INSTANT, Instant::parse)))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"title": "a", "title": "b"}: a proxy or a log that reads the first name would see another step
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, texts -> texts
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * A date or an instant, as text, with a year of four digits: the ISO parsers also take years of up to nine
     * digits ({@code +999999999-12-31}), which no step needs and which read models that store dates as BSON dates
     * cannot hold, so a step with one would stop them.
     */
    static final class FourDigitYears<T> extends StdScalarDeserializer<T> {

        private final Pattern shape;
        private final Function<String, T> parse;

        FourDigitYears(Class<T> type, Pattern shape, Function<String, T> parse) {
            super(type);
            this.shape = shape;
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getString().strip();
            if (shape.matcher(text).matches()) {
                try {
                    return parse.apply(text);
                } catch (DateTimeParseException e) {
                    // refused below, as any other text that is no such value
                }
            }
            return (T) context.handleWeirdStringValue(handledType(), text,
                    "not an ISO 8601 value with a four-digit year");
        }
    }
}
