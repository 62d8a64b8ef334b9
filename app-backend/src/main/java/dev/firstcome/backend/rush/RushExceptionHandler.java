package dev.firstcome.backend.rush;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The rush feature's errors as {@code application/problem+json}: a bad request field is 400 naming it. */
@RestControllerAdvice(assignableTypes = RushController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RushExceptionHandler {

    @ExceptionHandler(InvalidRushRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRushRequestException e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.invalidField(e.field(), e.getMessage()));
    }
}
