package dev.firstcome.backend.infra.web;

import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How the HTTP API reads JSON (request bodies on both ports): exactly what is written, nothing guessed.
 *
 * <ul>
 *   <li>a key given twice, or a key the request does not have, is an error;
 *   <li>numbers are JSON numbers: {@code "10"} and {@code 10.5} are not a whole number, {@code null} is
 *       not a number for a primitive, {@code 5} is not a string, {@code 1} is not a boolean;
 *   <li>instants are ISO-8601 strings in {@link InstantRange} (never epoch numbers), {@code ""} is
 *       nothing's value.
 * </ul>
 *
 * Kafka records are read by their own mapper ({@code KafkaJson}), which keeps reading older records.
 */
public final class StrictJson {

    private StrictJson() {}

    /** Applies FirstCome's strictness to a mapper builder (the Spring JsonMapper bean gets it through a customizer). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // {"role": 0} is not VIEWER: enums by name only
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .addModule(new SimpleModule("firstcome-strict-instants")
                        .addDeserializer(Instant.class, new StrictInstantDeserializer()));
    }

    /** A mapper with only this strictness (for tests and tools). */
    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }

    /** ISO-8601 strings inside {@link InstantRange} only: no epoch numbers, no year 1970 or 999999999. */
    static final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

        StrictInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString().trim();
            Instant instant;
            try {
                instant = Instant.parse(text);
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
            if (!InstantRange.contains(instant)) {
                return (Instant) ctxt.handleWeirdStringValue(
                        Instant.class, text, "outside " + InstantRange.EARLIEST + ".." + InstantRange.LATEST);
            }
            return instant;
        }
    }
}
