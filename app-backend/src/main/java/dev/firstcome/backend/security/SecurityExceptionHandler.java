package dev.firstcome.backend.security;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The security feature's own errors as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityExceptionHandler {

    @ExceptionHandler(CustomerIdentityException.class)
    ResponseEntity<ProblemDetail> identity(CustomerIdentityException e) {
        ProblemDetail problem = e.status() == 401
                ? Problems.of(HttpStatusCode.valueOf(401), "unauthorized", "Unauthorized", e.getMessage())
                : Problems.of(HttpStatusCode.valueOf(403), "forbidden", "Forbidden", e.getMessage());
        problem.setProperty("field", e.field());
        var answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == 401) {
            answer.header("WWW-Authenticate", "Bearer realm=\"firstcome\"");
        }
        return answer.body(problem);
    }

    /** A header the firewall refuses, read by a controller while it runs (not by a filter): the same 400. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return Problems.answer(SecurityProblems.rejection(e));
    }

    @ExceptionHandler(OperatorTokenNotFoundException.class)
    ResponseEntity<ProblemDetail> tokenNotFound(OperatorTokenNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, "token-not-found", "Token not found", e.getMessage()));
    }
}
