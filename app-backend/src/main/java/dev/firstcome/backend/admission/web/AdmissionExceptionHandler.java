package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.infra.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Admission's own error on every controller that calls it (events write the meta hash through it): 503
 * with {@code Retry-After: 1} when Redis or Kafka cannot take the change or the state is being rebuilt.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdmissionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdmissionExceptionHandler.class);

    @ExceptionHandler(AdmissionUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(AdmissionUnavailableException e) {
        log.warn(
                "503: {}{}",
                e.getMessage(),
                e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
        return Problems.unavailable(e.getMessage());
    }
}
