package dev.firstcome.backend.event;

/** Another edit of the same event held it longer than an edit waits: HTTP 409, nothing was changed. */
public class EventEditConflictException extends EventStateConflictException {

    public EventEditConflictException(long eventId, Throwable cause) {
        super("Another edit of event " + eventId + " is in progress; nothing was changed. Retry.");
        initCause(cause);
    }
}
