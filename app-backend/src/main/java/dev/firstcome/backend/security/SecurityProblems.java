package dev.firstcome.backend.security;

import dev.firstcome.backend.infra.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The 400, 401 and 403 answers of the security chain, as problem+json like every other error. */
@Component
class SecurityProblems {

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, failure) -> {
            String presented = request.getHeader("Authorization");
            response.setHeader(
                    "WWW-Authenticate",
                    presented == null
                            ? "Bearer realm=\"firstcome\""
                            : "Bearer realm=\"firstcome\", error=\"invalid_token\"");
            write(
                    request,
                    response,
                    Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail(presented, failure)));
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, denied) -> write(
                request,
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "This token's role does not allow this request (VIEWER reads, OPERATOR changes, ADMIN manages tokens)"));
    }

    RequestRejectedHandler rejected() {
        return (request, response, rejected) -> write(request, response, rejection(rejected));
    }

    /** {@code The request was rejected because the header: "<name> " has a value "<value>" that is not allowed.} */
    private static final Pattern REJECTED_HEADER = Pattern.compile("because the header: \"(.+?) ?\" has a value");

    /**
     * The 400 for a request the firewall refused. The path is checked before any rule; a header only when it
     * is read (by a filter, or by a controller while it runs), so the same problem is answered from both.
     */
    static ProblemDetail rejection(RequestRejectedException rejected) {
        Matcher header = REJECTED_HEADER.matcher(String.valueOf(rejected.getMessage()));
        if (header.find()) {
            String name = header.group(1);
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request",
                    "The " + name + " header holds characters that are not allowed (control characters, including"
                            + " the bytes 0x80-0x9F; header values are ISO-8859-1 text: send non-ASCII text encoded)");
            problem.setProperty("field", name);
            return problem;
        }
        if (String.valueOf(rejected.getMessage()).contains("because the header name")) {
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request",
                    "A header name holds characters that are not allowed (control characters)");
            problem.setProperty("field", "headers");
            return problem;
        }
        var problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "The request path is not allowed (encoded slashes, dots, semicolons, double slashes, control characters)");
        problem.setProperty("field", "path");
        return problem;
    }

    private static String detail(String presented, AuthenticationException failure) {
        if (presented == null) {
            return "This request needs an Authorization: Bearer <token> header";
        }
        return "The bearer token is not valid";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a rejected path may not even be a URI: leave the instance out
        }
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
