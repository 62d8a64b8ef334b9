package dev.firstcome.backend.monitor;

/** Kafka did not answer a lag query, so a figure cannot be given: HTTP 503. */
public class MonitorUnavailableException extends RuntimeException {

    public MonitorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
