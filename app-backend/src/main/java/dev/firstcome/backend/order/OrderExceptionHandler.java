package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The order feature's errors as problem+json: 404 no such order (for this customer). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderExceptionHandler {

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(OrderNotFoundException e) {
        return Problems.answer(Problems.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage()));
    }
}
