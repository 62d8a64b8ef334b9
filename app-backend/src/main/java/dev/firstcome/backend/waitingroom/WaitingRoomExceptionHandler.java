package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The waiting room's errors as problem+json: 409 not open (with {@code opensAt}), 404 ticket, 409 audit not yet. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WaitingRoomExceptionHandler {

    @ExceptionHandler(QueueNotOpenException.class)
    ResponseEntity<ProblemDetail> notOpen(QueueNotOpenException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "queue-not-open", "Queue not open", e.getMessage());
        problem.setProperty("eventId", e.eventId());
        if (e.opensAt() != null) {
            problem.setProperty("opensAt", e.opensAt().toString());
        }
        return Problems.answer(problem);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> tooMany(RateLimitedException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", e.getMessage());
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(TicketNotFoundException.class)
    ResponseEntity<ProblemDetail> noTicket(TicketNotFoundException e) {
        return Problems.answer(
                Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket not found", e.getMessage()));
    }

    @ExceptionHandler(AuditNotPublishedException.class)
    ResponseEntity<ProblemDetail> notYet(AuditNotPublishedException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "audit-not-published", "Audit not published yet", e.getMessage());
        problem.setProperty("publishedAt", e.publishedAt().toString());
        return Problems.answer(problem);
    }
}
