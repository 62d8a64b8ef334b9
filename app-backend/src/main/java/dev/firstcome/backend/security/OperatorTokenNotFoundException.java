package dev.firstcome.backend.security;

/** No operator token with this id: 404. */
class OperatorTokenNotFoundException extends RuntimeException {

    OperatorTokenNotFoundException(long id) {
        super("No operator token with id " + id);
    }
}
