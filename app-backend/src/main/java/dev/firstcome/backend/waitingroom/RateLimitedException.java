package dev.firstcome.backend.waitingroom;

/** 429: too many requests from this client or for this user or ticket; retry after {@code retryAfterSeconds}. */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
        super("Too many requests from this client or for this user; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
