package dev.firstcome.backend.security;

/** The customer is not who the request says: 401 (no or bad token) or 403 (another user's id). */
public class CustomerIdentityException extends RuntimeException {

    private final int status;
    private final String field;

    CustomerIdentityException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The input at fault: {@code Authorization} or {@code userId}. */
    public String field() {
        return field;
    }
}
