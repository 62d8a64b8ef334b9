package dev.firstcome.backend.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses path parameters ({@code /api/admin/events/1;a=b}): Spring MVC would strip them and serve event
 * 1. A 400 problem naming {@code eventId} when they follow {@code events/}, {@code path} otherwise.
 * (The apply on the main port is answered before this filter and refuses them the same way.)
 */
final class PathParametersFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    PathParametersFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        int semicolon = uri.indexOf(';');
        if (semicolon < 0) {
            chain.doFilter(request, response);
            return;
        }
        String before = uri.substring(0, semicolon);
        String segment = before.substring(before.lastIndexOf('/') + 1);
        String previous = before.substring(0, Math.max(0, before.lastIndexOf('/')));
        ProblemDetail problem = previous.endsWith("/events")
                ? Problems.invalidField("eventId", Ids.rule("eventId", segment + uri.substring(semicolon)))
                : Problems.invalidField(
                        "path", "The path may not contain ';' (path parameters are not part of this API)");
        problem.setInstance(URI.create(before.isEmpty() ? "/" : before));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType("application/problem+json");
        byte[] body = json.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
