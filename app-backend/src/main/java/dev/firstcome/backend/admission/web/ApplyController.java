package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.web.ApplyAnswers.Answer;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.backend.security.CustomerIdentityException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/{eventId}/apply} through Spring MVC: documents the endpoint in OpenAPI and
 * serves it when {@code firstcome.admission.fast-path=false} (by default {@link FastApplyFilter} answers
 * first). Renders {@link ApplyAnswers}' answers, like the two other entrances: 201 with the rank when
 * issued; 409 problem+json with the {@code outcome} when refused; 400/401/403/404/503 problems otherwise.
 */
@RestController
class ApplyController {

    private final AdmissionApi admission;
    private final CustomerIdentity identity;
    private final ApplyAnswers answers;

    ApplyController(AdmissionApi admission, CustomerIdentity identity, ApplyAnswers answers) {
        this.admission = admission;
        this.identity = identity;
        this.answers = answers;
    }

    @PostMapping(path = "/api/events/{eventId}/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> apply(
            @PathVariable long eventId,
            @RequestBody ApplyRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = EntryGate.HEADER, required = false) String entryToken,
            HttpServletRequest servletRequest) {
        String userId = identity.userId(authorization, request == null ? null : request.userId());
        Answer refused = answers.gate(eventId, userId, entryToken, servletRequest.getRequestURI());
        if (refused != null) {
            return render(refused);
        }
        Answer limited = answers.throttle(
                        eventId, servletRequest.getRemoteAddr(), userId, servletRequest.getRequestURI())
                .join();
        if (limited != null) {
            return render(limited);
        }
        return render(answers.of(admission.apply(eventId, userId), servletRequest.getRequestURI()));
    }

    /** The apply's own failures, answered as on the other entrances (the rest: the application's handler). */
    @ExceptionHandler({
        InvalidRequestException.class,
        EventNotFoundException.class,
        CustomerIdentityException.class,
        AdmissionUnavailableException.class
    })
    ResponseEntity<byte[]> failed(RuntimeException e, HttpServletRequest servletRequest) {
        return render(answers.of(e, servletRequest.getRequestURI()));
    }

    private static ResponseEntity<byte[]> render(Answer answer) {
        var response =
                ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()));
        if (answer.retryAfter()) {
            response.header("Retry-After", answer.retryAfterValue());
        }
        if (answer.challenge() != null) {
            response.header("WWW-Authenticate", answer.challenge());
        }
        return response.body(answer.body());
    }

    /** The apply body. */
    record ApplyRequest(String userId) {}
}
