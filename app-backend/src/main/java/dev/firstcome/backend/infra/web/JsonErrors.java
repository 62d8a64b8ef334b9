package dev.firstcome.backend.infra.web;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says which JSON field a Jackson 3 read error is about, and what is wrong with it, without echoing the input. */
public final class JsonErrors {

    /** The field ({@code body} when the JSON as a whole is wrong) and a detail a person can read. */
    public record Described(String field, String detail) {}

    private static final Map<Class<?>, String> EXPECTED = Map.ofEntries(
            Map.entry(Integer.class, "must be a whole number between -2147483648 and 2147483647 (a JSON number)"),
            Map.entry(int.class, "must be a whole number between -2147483648 and 2147483647 (a JSON number)"),
            Map.entry(Long.class, "must be a whole number (a JSON number)"),
            Map.entry(long.class, "must be a whole number (a JSON number)"),
            Map.entry(Double.class, "must be a number (a JSON number)"),
            Map.entry(double.class, "must be a number (a JSON number)"),
            Map.entry(Boolean.class, "must be true or false"),
            Map.entry(boolean.class, "must be true or false"),
            Map.entry(String.class, "must be a string"),
            Map.entry(LocalTime.class, "must be a time of day such as \"09:00\""));

    private JsonErrors() {}

    public static Described describe(Throwable error) {
        JacksonException e = jacksonCause(error).orElse(null);
        if (e == null) {
            return new Described("body", "The request body is missing or is not valid JSON");
        }
        String field = fieldOf(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String name = Ids.echo(field.isEmpty() ? unknown.getPropertyName() : field);
            return new Described(
                    name,
                    name + " is not a field of this request"
                            + (known == null || known.isEmpty()
                                    ? ""
                                    : "; its fields are "
                                            + String.join(
                                                    ", ",
                                                    new TreeSet<>(known.stream()
                                                            .map(String::valueOf)
                                                            .toList()))));
        }
        if (e instanceof StreamReadException read && e.getOriginalMessage().startsWith("Duplicate Object property")) {
            String name = Ids.echo(duplicateName(read));
            return new Described(name, name + " is given more than once");
        }
        Class<?> target = e instanceof MismatchedInputException m
                ? m.getTargetType()
                : e instanceof InputCoercionException c ? c.getTargetType() : null;
        if (field.isEmpty()) {
            return new Described(
                    "body",
                    target == null
                            ? "The request body is missing or is not valid JSON"
                            : "The request body must be a JSON object");
        }
        if (target == Instant.class) {
            return new Described(field, InstantRange.rule(field));
        }
        String expected = target == null ? null : EXPECTED.get(target);
        if (expected == null && target != null && target.isEnum()) {
            expected = "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (expected == null && target != null && Collection.class.isAssignableFrom(target)) {
            expected = "must be a JSON array";
        }
        return new Described(
                field, field + " " + (expected == null ? "has a value of the wrong type or format" : expected));
    }

    private static Optional<JacksonException> jacksonCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return Optional.of(jackson);
            }
        }
        return Optional.empty();
    }

    /** The dotted path of the error ({@code ids[3]}, {@code name}); empty when at the top level. */
    private static String fieldOf(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The repeated key, from the parser's position ({@code a.b} for a nested one). */
    private static String duplicateName(StreamReadException e) {
        if (e.processor() instanceof JsonParser parser) {
            String pointer = parser.streamReadContext().pathAsPointer().toString();
            if (pointer.length() > 1) {
                return pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
            }
        }
        return "body";
    }
}
