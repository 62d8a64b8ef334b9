package dev.firstcome.backend.infra.web;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Finds which JSON field a Jackson 3 read error is about. */
final class JsonErrors {

    private JsonErrors() {}

    static Optional<String> fieldOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                var path = databind.getPath();
                StringBuilder field = new StringBuilder();
                for (JacksonException.Reference ref : path) {
                    if (ref.getPropertyName() != null) {
                        if (!field.isEmpty()) {
                            field.append('.');
                        }
                        field.append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        field.append('[').append(ref.getIndex()).append(']');
                    }
                }
                if (!field.isEmpty()) {
                    return Optional.of(field.toString());
                }
            }
        }
        return Optional.empty();
    }
}
