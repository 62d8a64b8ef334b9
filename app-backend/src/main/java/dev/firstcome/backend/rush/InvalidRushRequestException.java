package dev.firstcome.backend.rush;

import dev.firstcome.backend.infra.web.InvalidRequestException;

/**
 * A rush or warm-up request field is invalid: answered 400 naming the field by {@link RushExceptionHandler}.
 * An {@link InvalidRequestException}, so that callers of {@link RushApi} (the console) read it as any other
 * invalid field.
 */
public class InvalidRushRequestException extends InvalidRequestException {

    public InvalidRushRequestException(String field, String message) {
        super(field, message);
    }
}
