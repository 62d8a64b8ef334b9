package dev.firstcome.backend.infra.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, replacing Spring Boot's HTML/JSON one): what a
 * filter or the container answered with {@code sendError} or an exception that escaped every handler,
 * as problem+json without the exception's message or stack trace. Asked for directly, {@code /error} is
 * a 404 like any other unknown path.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(code instanceof Integer status) || status < 400) {
            ProblemDetail problem =
                    Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No resource at /error");
            problem.setInstance(URI.create("/error"));
            return answer(problem);
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable t) {
            log.error("Unexpected error answering {}", uri, t);
        }
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500
                ? "An unexpected error occurred; it was logged. Nothing is promised by this answer."
                : status == 404 ? "No such resource" : "The request could not be answered (" + title + ")";
        ProblemDetail problem = Problems.of(
                statusCode,
                status == 404 ? "not-found" : status >= 500 ? "internal-error" : "bad-request",
                title,
                detail);
        if (uri instanceof String path && isSafePath(path)) {
            problem.setInstance(URI.create(path));
        }
        return answer(problem);
    }

    private static boolean isSafePath(String path) {
        try {
            URI.create(path);
            return path.chars().noneMatch(c -> c < 0x21 || c > 0x7e);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
