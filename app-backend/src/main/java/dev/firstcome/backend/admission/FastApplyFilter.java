package dev.firstcome.backend.admission;

import dev.firstcome.backend.event.EventNotFoundException;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.infra.web.Problems;
import dev.firstcome.model.ApplyResult;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apply endpoint's hot path: {@code POST /api/events/{eventId}/apply} answered straight from the
 * servlet filter chain, without the DispatcherServlet's handler lookup, argument resolution and
 * message conversion (a third of the request CPU in profiles). Same contract as {@link ApplyController}
 * (which documents the endpoint in OpenAPI and serves it when {@code firstcome.admission.fast-path=false}):
 * 201 ISSUED, 409 problem with the outcome, 400/404/415/503 problems.
 */
final class FastApplyFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(FastApplyFilter.class);
    private static final String PREFIX = "/api/events/";
    private static final String SUFFIX = "/apply";
    private static final int MAX_BODY = 4096;

    private final AdmissionApi admission;
    private final JsonMapper json;

    FastApplyFilter(AdmissionApi admission, JsonMapper json) {
        this.admission = admission;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        String uri = request.getRequestURI();
        if (!"POST".equals(request.getMethod()) || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)) {
            chain.doFilter(req, res);
            return;
        }
        String id = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        if (id.isEmpty() || id.indexOf('/') >= 0) {
            chain.doFilter(req, res);
            return;
        }
        handle(request, (HttpServletResponse) res, id, uri);
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, String id, String uri)
            throws IOException {
        try {
            long eventId = parseEventId(id);
            String contentType = request.getContentType();
            if (contentType == null
                    || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                ProblemDetail problem = Problems.of(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type",
                        "Unsupported Media Type",
                        "Content-Type '" + contentType + "' is not supported; send application/json");
                write(response, problem, uri);
                return;
            }
            String userId = readUserId(request.getInputStream());
            ApplyResult result = admission.apply(eventId, userId);
            if (result.outcome().issued()) {
                var body = new LinkedHashMap<String, Object>();
                body.put("outcome", result.outcome());
                body.put("eventId", result.eventId());
                body.put("userId", result.userId());
                body.put("rank", result.rank());
                response.setStatus(201);
                response.setContentType("application/json");
                byte[] bytes = json.writeValueAsBytes(body);
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes);
                return;
            }
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONFLICT,
                    "apply-refused",
                    "Apply refused",
                    ApplyController.RefusalText.of(result.outcome()));
            problem.setProperty("outcome", result.outcome());
            problem.setProperty("eventId", result.eventId());
            problem.setProperty("userId", result.userId());
            write(response, problem, uri);
        } catch (InvalidRequestException e) {
            ProblemDetail problem = Problems.invalidField(e.field(), e.getMessage());
            write(response, problem, uri);
        } catch (EventNotFoundException e) {
            ProblemDetail problem =
                    Problems.of(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", e.getMessage());
            problem.setProperty("eventId", e.eventId());
            write(response, problem, uri);
        } catch (AdmissionUnavailableException e) {
            log.warn(
                    "503: {}{}",
                    e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
            response.setHeader("Retry-After", "1");
            write(
                    response,
                    Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage()),
                    uri);
        } catch (RuntimeException e) {
            log.error("Unexpected error answering an apply", e);
            write(
                    response,
                    Problems.of(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "internal-error",
                            "Internal error",
                            "An unexpected error occurred; it was logged. Nothing is promised by this answer."),
                    uri);
        }
    }

    private static long parseEventId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("eventId", "eventId must be a valid long, got '" + id + "'");
        }
    }

    private String readUserId(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new InvalidRequestException("body", "The request body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("body", "The request body is missing or is not valid JSON");
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

    private void write(HttpServletResponse response, ProblemDetail problem, String uri) throws IOException {
        problem.setInstance(URI.create(uri));
        byte[] bytes = json.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
