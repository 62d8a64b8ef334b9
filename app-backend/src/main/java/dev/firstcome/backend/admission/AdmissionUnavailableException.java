package dev.firstcome.backend.admission;

/** A component on the apply path is down, or the event's Redis state is being rebuilt: HTTP 503, nothing consumed. */
public class AdmissionUnavailableException extends RuntimeException {

    public AdmissionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public AdmissionUnavailableException(String message) {
        super(message);
    }
}
