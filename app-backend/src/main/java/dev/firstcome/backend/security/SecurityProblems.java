package dev.firstcome.backend.security;

import dev.firstcome.backend.infra.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
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
        return (request, response, rejected) -> {
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request",
                    "The request path is not allowed (encoded slashes, dots, semicolons, double slashes, control characters)");
            problem.setProperty("field", "path");
            write(request, response, problem);
        };
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
