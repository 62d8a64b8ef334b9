package dev.firstcome.backend.event;

/** A field of an event draft or change is invalid: HTTP 400 naming {@link #field()}. */
public class EventValidationException extends RuntimeException {

    private final String field;

    public EventValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
