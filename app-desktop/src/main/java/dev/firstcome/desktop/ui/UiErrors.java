package dev.firstcome.desktop.ui;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventValidationException;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's failure sink: the latest readable message (shown in the window's notification bar)
 * and a count of failures. The stack trace goes to the log only.
 */
public final class UiErrors {

    private static final Logger log = LoggerFactory.getLogger(UiErrors.class);
    private static final int MAX_LENGTH = 300;

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();

    /** Call on the FX thread (the executor does). */
    public void report(String action, Throwable failure) {
        log.warn("{} failed", action, failure);
        message.set(action + " failed: " + describe(failure));
        count.set(count.get() + 1);
    }

    public void dismiss() {
        message.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** A one-line, human-readable description of a failure. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String text;
        if (cause instanceof EventValidationException invalid) {
            text = "invalid " + invalid.field() + ": " + invalid.getMessage();
        } else if (cause instanceof InvalidRequestException invalid) {
            text = describeInvalid(invalid.field(), invalid.getMessage());
        } else if (cause instanceof EventNotFoundException || cause instanceof AdmissionUnavailableException) {
            text = cause.getMessage();
        } else if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            text = cause.getClass().getSimpleName();
        } else {
            text = cause.getMessage();
        }
        text = text.lines().findFirst().orElse(text).strip();
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    /**
     * "Name must be 1 to 100 letters…" when the message already starts with the field, else "Minutes before:
     * …": the field in plain words, never as a JSON property name.
     */
    static String describeInvalid(String field, String message) {
        String plain = plainWords(field == null ? "" : field);
        String text = message == null ? "" : message.strip();
        if (plain.isEmpty()) {
            return text.isEmpty() ? "invalid input" : text;
        }
        String capitalized = Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
        if (text.toLowerCase(Locale.ROOT).startsWith(plain + " ")) {
            return capitalized + text.substring(plain.length());
        }
        if (field != null && !field.isEmpty() && text.startsWith(field + " ")) {
            return capitalized + text.substring(field.length()); // "costPerRedemption must be ..."
        }
        return capitalized + (text.isEmpty() ? " is invalid" : ": " + text);
    }

    /** {@code minutesBefore} and {@code minutes_before} become {@code minutes before}. */
    static String plainWords(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ')
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException
                        || current instanceof CompletionException
                        || current instanceof UndeclaredThrowableException
                        || current instanceof InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
