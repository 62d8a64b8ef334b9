package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The event feature's errors as problem+json: 404 unknown event, 400 naming the field, 409 state conflict. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventExceptionHandler {

    @ExceptionHandler(EventNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(EventNotFoundException e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", e.getMessage());
        problem.setProperty("eventId", e.eventId());
        return Problems.answer(problem);
    }

    @ExceptionHandler(EventValidationException.class)
    ResponseEntity<ProblemDetail> invalidEvent(EventValidationException e) {
        return Problems.answer(Problems.invalidField(e.field(), e.getMessage()));
    }

    @ExceptionHandler(EventStateConflictException.class)
    ResponseEntity<ProblemDetail> conflict(EventStateConflictException e) {
        return Problems.answer(
                Problems.of(HttpStatus.CONFLICT, "event-state-conflict", "Event state conflict", e.getMessage()));
    }
}
