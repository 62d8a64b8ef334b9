package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Redemption's errors as problem+json: 404 no such coupon (for this customer), 409 refused with a reason, 422. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RedemptionExceptionHandler {

    @ExceptionHandler(CouponNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(CouponNotFoundException e) {
        return Problems.answer(
                Problems.of(HttpStatus.NOT_FOUND, "coupon-not-found", "Coupon not found", e.getMessage()));
    }

    @ExceptionHandler(RedemptionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RedemptionRefusedException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "coupon-" + e.reason().toLowerCase().replace('_', '-'),
                e.reason(),
                e.getMessage());
        problem.setProperty("reason", e.reason());
        problem.setProperty("couponId", e.couponId());
        return Problems.answer(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage());
        problem.setProperty("field", RedemptionController.IDEMPOTENCY_KEY);
        return Problems.answer(problem);
    }
}
