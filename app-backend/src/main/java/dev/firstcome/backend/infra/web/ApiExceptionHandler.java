package dev.firstcome.backend.infra.web;

import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the HTTP API that no feature answers itself, as {@code application/problem+json}: bad
 * input (a clear {@code detail} and the offending {@code field}), components down, and the catch-all that
 * never shows a stack trace. Each feature answers its own exceptions in its own advice.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE) // after every feature's own advice: its catch-all must not shadow them
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return problem(Problems.invalidField(e.field(), e.getMessage()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().iterator().next();
        String path = violation.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return problem(Problems.invalidField(field, field + " " + violation.getMessage()));
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotGetJdbcConnectionException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<ProblemDetail> componentDown(Exception e) {
        log.warn("A component is unavailable: {}", e.getMessage());
        return Problems.unavailable(
                "A component FirstCome depends on is unavailable; nothing was changed. Retry shortly.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        if (type == Long.class || type == long.class) {
            return problem(Problems.invalidField(e.getName(), Ids.rule(e.getName(), e.getValue())));
        }
        String name = type == null ? "value" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return problem(Problems.invalidField(
                e.getName(), e.getName() + " must be a valid " + name + ", got '" + Ids.echo(e.getValue()) + "'"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error answering a request", e);
        return problem(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "An unexpected error occurred; it was logged. Nothing is promised by this answer."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(fe -> Map.of("field", fe.getField(), "message", String.valueOf(fe.getDefaultMessage())))
                .toList();
        String field = errors.isEmpty() ? "body" : errors.getFirst().get("field");
        String detail = errors.isEmpty()
                ? "The request body is invalid"
                : errors.getFirst().get("field") + " " + errors.getFirst().get("message");
        ProblemDetail problem = Problems.invalidField(field, detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyDeadlineFilter.BodyTimeoutException late = RequestBodyDeadlineFilter.timeoutIn(ex);
        if (late != null) {
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                    .header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(RequestBodyDeadlineFilter.problem(late.getMessage()));
        }
        JsonErrors.Described error = JsonErrors.describe(ex);
        ProblemDetail problem = "body".equals(error.field())
                ? Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", error.detail())
                : Problems.invalidField(error.field(), error.detail());
        problem.setProperty("field", error.field());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, statusCode);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return Problems.answer(problem);
    }
}
