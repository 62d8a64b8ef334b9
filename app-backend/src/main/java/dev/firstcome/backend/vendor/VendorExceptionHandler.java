package dev.firstcome.backend.vendor;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The vendor feature's errors as problem+json: 404 unknown vendor, 409 name taken (400s: infra's handler). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class VendorExceptionHandler {

    @ExceptionHandler(VendorNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(VendorNotFoundException e) {
        return Problems.answer(
                Problems.of(HttpStatus.NOT_FOUND, "vendor-not-found", "Vendor not found", e.getMessage()));
    }

    @ExceptionHandler(VendorConflictException.class)
    ResponseEntity<ProblemDetail> conflict(VendorConflictException e) {
        return Problems.answer(Problems.of(HttpStatus.CONFLICT, "vendor-conflict", "Vendor conflict", e.getMessage()));
    }
}
