package dev.firstcome.backend.issuance;

import org.springframework.dao.DataAccessException;

/** A record could not be persisted: what the dead-letter topic (and then failed_issue) records as the reason. */
class PersistFailedException extends RuntimeException {

    PersistFailedException(DataAccessException cause) {
        super(cause.getMostSpecificCause().getMessage(), cause);
    }
}
