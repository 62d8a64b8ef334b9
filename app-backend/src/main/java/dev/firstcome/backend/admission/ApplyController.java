package dev.firstcome.backend.admission;

import dev.firstcome.backend.infra.web.Problems;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.ApplyResult;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/{eventId}/apply}: 201 with the rank when issued; 409 problem+json with the
 * {@code outcome} when refused; 400/404/503 problems otherwise.
 */
@RestController
class ApplyController {

    private final AdmissionApi admission;
    private final CustomerIdentity identity;

    ApplyController(AdmissionApi admission, CustomerIdentity identity) {
        this.admission = admission;
        this.identity = identity;
    }

    @PostMapping(path = "/api/events/{eventId}/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> apply(
            @PathVariable long eventId,
            @RequestBody ApplyRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        String userId = identity.userId(authorization, request == null ? null : request.userId());
        ApplyResult result = admission.apply(eventId, userId);
        if (result.outcome().issued()) {
            var body = new LinkedHashMap<String, Object>();
            body.put("outcome", result.outcome());
            body.put("eventId", result.eventId());
            body.put("userId", result.userId());
            body.put("rank", result.rank());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        }
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "apply-refused", "Apply refused", RefusalText.of(result.outcome()));
        problem.setInstance(URI.create("/api/events/" + eventId + "/apply"));
        problem.setProperty("outcome", result.outcome());
        problem.setProperty("eventId", result.eventId());
        problem.setProperty("userId", result.userId());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The apply body. */
    record ApplyRequest(String userId) {}

    /** Human-readable explanations of refusals. */
    static final class RefusalText {
        private static final Map<dev.firstcome.model.ApplyOutcome, String> TEXT = Map.of(
                dev.firstcome.model.ApplyOutcome.ALREADY_APPLIED, "This user already holds a coupon of this event",
                dev.firstcome.model.ApplyOutcome.SOLD_OUT, "All coupons of this event have been issued",
                dev.firstcome.model.ApplyOutcome.DAILY_SOLD_OUT,
                        "Today's coupons have all been issued; try again tomorrow",
                dev.firstcome.model.ApplyOutcome.NOT_OPEN, "The event is not open at this time",
                dev.firstcome.model.ApplyOutcome.ENDED, "The event has ended",
                dev.firstcome.model.ApplyOutcome.PAUSED, "The event is paused by its operator",
                dev.firstcome.model.ApplyOutcome.CLOSED, "The event is closed",
                dev.firstcome.model.ApplyOutcome.ISSUED, "Issued");

        private RefusalText() {}

        static String of(dev.firstcome.model.ApplyOutcome outcome) {
            return TEXT.get(outcome);
        }
    }
}
