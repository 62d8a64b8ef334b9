package dev.firstcome.backend.redemption;

/** An Idempotency-Key already answered a different request (other order or amount): 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
