package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.ApplyThrottle;
import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.infra.web.Ids;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.infra.web.JsonErrors;
import dev.firstcome.backend.infra.web.Problems;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.backend.security.CustomerIdentityException;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.ApplyResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apply contract, in one place: request parsing and every answer of {@code POST
 * /api/events/{eventId}/apply}. The servlet hot path ({@link FastApplyFilter}), the controller
 * ({@link ApplyController}, when the hot path is off) and the apply server ({@link ApplyHttpServer}) all
 * render its {@link Answer}, so they answer byte for byte the same: 201 ISSUED, 409 problem with the
 * outcome, 400/401/403/404/415/503 problems naming the field or the reason.
 */
@Component
public final class ApplyAnswers {

    static final String PREFIX = "/api/events/";
    static final String SUFFIX = "/apply";
    static final int MAX_BODY = 4096;
    private static final Logger log = LoggerFactory.getLogger(ApplyAnswers.class);

    /**
     * One answer: status, content type, body, whether it carries {@code Retry-After: 1}, and the
     * {@code WWW-Authenticate} challenge of a 401 (null otherwise).
     */
    record Answer(
            int status, String contentType, byte[] body, boolean retryAfter, String challenge, long retryAfterSeconds) {

        Answer(int status, String contentType, byte[] body, boolean retryAfter) {
            this(status, contentType, body, retryAfter, null);
        }

        Answer(int status, String contentType, byte[] body, boolean retryAfter, String challenge) {
            this(status, contentType, body, retryAfter, challenge, 1);
        }

        /** The {@code Retry-After} header's value (seconds). */
        String retryAfterValue() {
            return Long.toString(Math.max(1, retryAfterSeconds));
        }
    }

    /** Human-readable explanations of refusals. */
    private static final Map<ApplyOutcome, String> REFUSALS = Map.of(
            ApplyOutcome.ALREADY_APPLIED, "This user already holds a coupon of this event",
            ApplyOutcome.SOLD_OUT, "All coupons of this event have been issued",
            ApplyOutcome.DAILY_SOLD_OUT, "Today's coupons have all been issued; try again tomorrow",
            ApplyOutcome.NOT_OPEN, "The event is not open at this time",
            ApplyOutcome.ENDED, "The event has ended",
            ApplyOutcome.PAUSED, "The event is paused by its operator",
            ApplyOutcome.CLOSED, "The event is closed",
            ApplyOutcome.ISSUED, "Issued");

    private final JsonMapper json;
    private final CustomerIdentity identity;
    private final org.springframework.beans.factory.ObjectProvider<EntryGate> gates;
    private volatile EntryGate gate;
    private final org.springframework.beans.factory.ObjectProvider<ApplyThrottle> throttles;
    private volatile ApplyThrottle throttle;

    ApplyAnswers(
            JsonMapper json,
            CustomerIdentity identity,
            org.springframework.beans.factory.ObjectProvider<EntryGate> gates,
            org.springframework.beans.factory.ObjectProvider<ApplyThrottle> throttles) {
        this.json = json;
        this.identity = identity;
        this.gates = gates;
        this.throttles = throttles;
    }

    /**
     * Completes with null when the apply is within the abuse limits, otherwise with the 429 problem and its
     * {@code Retry-After} (a Redis round trip only for events with a waiting room).
     */
    java.util.concurrent.CompletableFuture<Answer> throttle(
            long eventId, String clientAddress, String userId, String uri) {
        ApplyThrottle current = throttle;
        if (current == null) {
            current = throttles.getIfAvailable(() -> ApplyThrottle.NONE);
            throttle = current;
        }
        return current.check(eventId, clientAddress, userId).thenApply(wait -> {
            if (wait <= 0) {
                return null;
            }
            ProblemDetail problem = Problems.of(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-requests",
                    "Too many requests",
                    "Too many applies from this client or for this user; retry after " + wait + " s");
            problem.setProperty("retryAfterSeconds", wait);
            Answer answer = problem(problem, uri);
            return new Answer(answer.status(), answer.contentType(), answer.body(), true, null, wait);
        });
    }

    /**
     * Null when the apply may go on to admission; otherwise the 403 problem naming the {@code reason}
     * (the waiting room's entry token is missing, expired or not valid for this event and user).
     */
    Answer gate(long eventId, String userId, String entryToken, String uri) {
        EntryGate current = gate;
        if (current == null) {
            current = gates.getIfAvailable(() -> EntryGate.OPEN);
            gate = current;
        }
        EntryGate.Refusal refusal = current.check(eventId, userId, entryToken);
        if (refusal == null) {
            return null;
        }
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "entry-refused", "Entry refused", refusal.detail());
        problem.setProperty("reason", refusal.name());
        problem.setProperty("field", EntryGate.HEADER);
        problem.setProperty("eventId", eventId);
        return problem(problem, uri);
    }

    /**
     * The customer an apply is for: the body's {@code userId} when customer identity is off; with identity
     * on, the bearer token's subject (a body {@code userId} must be the same or is refused with 403).
     */
    String userId(byte[] body, String authorization) {
        return identity.userId(authorization, readUserId(body));
    }

    /** The event id of an apply path ({@code /api/events/{id}/apply}), or null when the path is another one. */
    static String eventIdOf(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return id.isEmpty() || id.indexOf('/') >= 0 ? null : id;
    }

    /** Canonical positive decimal only ({@code +1}, {@code 01}, {@code 1;a=b}, {@code 1%20} are refused). */
    static long parseEventId(String id) {
        return Ids.parse("eventId", id);
    }

    /** Null when the content type is JSON, otherwise the 415 answer. */
    Answer unsupportedMediaType(String contentType, String uri) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return null;
        }
        return problem(
                Problems.of(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type",
                        "Unsupported Media Type",
                        "Content-Type '" + contentType + "' is not supported; send application/json"),
                uri);
    }

    /**
     * The {@code userId} of an apply body (null when absent); 400 naming the field when the body is wrong.
     * As strict as every other body (the same mapper): a repeated key is not JSON we read, and
     * {@code userId} is the only field.
     */
    String readUserId(byte[] body) {
        if (body.length > MAX_BODY) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            JsonErrors.Described error = JsonErrors.describe(e);
            throw new InvalidRequestException(error.field(), error.detail());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("body", "The request body is missing or is not valid JSON");
        }
        if (node.size() > 1 || (node.size() == 1 && !node.has("userId"))) {
            String unknown = node.propertyNames().stream()
                    .filter(name -> !"userId".equals(name))
                    .findFirst()
                    .orElse("body");
            throw new InvalidRequestException(
                    Ids.echo(unknown), Ids.echo(unknown) + " is not a field of this request; its only field is userId");
        }
        JsonNode userId = node.get("userId");
        if (userId == null || userId.isNull()) {
            return null; // UserIds.require answers "userId is required"
        }
        if (!userId.isString()) {
            throw new InvalidRequestException("userId", "userId must be a string");
        }
        return userId.asString();
    }

    static InvalidRequestException tooLarge() {
        return new InvalidRequestException("body", "The request body is larger than " + MAX_BODY + " bytes");
    }

    /** 201 for ISSUED, otherwise the 409 refusal. */
    Answer of(ApplyResult result, String uri) {
        if (result.outcome().issued()) {
            // userIds are letters, digits and ._@+- only (UserIds): nothing to escape
            String body = "{\"outcome\":\"" + result.outcome().name() + "\",\"eventId\":" + result.eventId()
                    + ",\"userId\":\"" + result.userId() + "\",\"rank\":" + result.rank() + "}";
            return new Answer(201, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
        }
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "apply-refused", "Apply refused", REFUSALS.get(result.outcome()));
        problem.setProperty("outcome", result.outcome());
        problem.setProperty("eventId", result.eventId());
        problem.setProperty("userId", result.userId());
        return problem(problem, uri);
    }

    /** The answer to a failed apply: 400 naming the field, 404, 503 with Retry-After, or a logged 500. */
    Answer of(Throwable failure, String uri) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (e) {
            case InvalidRequestException invalid ->
                problem(Problems.invalidField(invalid.field(), invalid.getMessage()), uri);
            case EventNotFoundException notFound -> {
                ProblemDetail problem =
                        Problems.of(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", notFound.getMessage());
                problem.setProperty("eventId", notFound.eventId());
                yield problem(problem, uri);
            }
            case CustomerIdentityException denied -> {
                ProblemDetail problem = denied.status() == 401
                        ? Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", denied.getMessage())
                        : Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", denied.getMessage());
                problem.setProperty("field", denied.field());
                Answer answer = problem(problem, uri);
                yield new Answer(
                        answer.status(),
                        answer.contentType(),
                        answer.body(),
                        false,
                        denied.status() == 401 ? "Bearer realm=\"firstcome\"" : null);
            }
            case AdmissionUnavailableException unavailable -> {
                log.warn(
                        "503: {}{}",
                        unavailable.getMessage(),
                        unavailable.getCause() == null
                                ? ""
                                : " (" + unavailable.getCause().getMessage() + ")");
                Answer answer = problem(
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "unavailable",
                                "Service unavailable",
                                unavailable.getMessage()),
                        uri);
                yield new Answer(answer.status(), answer.contentType(), answer.body(), true);
            }
            default -> {
                log.error("Unexpected error answering an apply", e);
                yield problem(
                        Problems.of(
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                "internal-error",
                                "Internal error",
                                "An unexpected error occurred; it was logged. Nothing is promised by this answer."),
                        uri);
            }
        };
    }

    /** The apply server's 400 to a request that is not HTTP/1.1. */
    Answer notHttp(String uri) {
        return problem(Problems.invalidField("request", "The request is not valid HTTP/1.1"), uri);
    }

    /** The apply server's 404 to any other path. */
    Answer notOnApplyServer(String uri) {
        return problem(
                Problems.of(
                        HttpStatus.NOT_FOUND,
                        "not-found",
                        "Not found",
                        "The apply server answers POST /api/events/{eventId}/apply only; the rest of the"
                                + " API is on the main HTTP port"),
                uri);
    }

    /** The apply server's 405 to another method on the apply path. */
    Answer methodNotAllowed(String method, String uri) {
        return problem(
                Problems.of(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "method-not-allowed",
                        "Method not allowed",
                        "Apply with POST, not " + method),
                uri);
    }

    Answer problem(ProblemDetail problem, String uri) {
        problem.setInstance(URI.create(uri));
        return new Answer(problem.getStatus(), "application/problem+json", json.writeValueAsBytes(problem), false);
    }
}
