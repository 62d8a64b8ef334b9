package dev.firstcome.backend.infra.web;

import dev.firstcome.backend.infra.AdminToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code /api/admin/**} needs {@code Authorization: Bearer <admin token>}; otherwise 401 problem+json. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AdminTokenFilter extends OncePerRequestFilter {

    /** Request attribute holding a short, non-secret identity of the operator token (for audit records). */
    static final String OPERATOR_ATTRIBUTE = "firstcome.operator";

    private final AdminToken token;

    AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        if (!token.matches(presented)) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"firstcome-admin\"");
            response.setContentType("application/problem+json");
            String detail = presented == null
                    ? "The admin API needs an Authorization: Bearer <admin token> header"
                    : "The admin token is not valid";
            response.getOutputStream()
                    .write(("{\"type\":\"https://firstcome.dev/problems/unauthorized\",\"title\":\"Unauthorized\","
                                    + "\"status\":401,\"detail\":\"" + detail + "\",\"instance\":\""
                                    + request.getRequestURI().replace("\"", "") + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(OPERATOR_ATTRIBUTE, Operators.identity(presented));
        chain.doFilter(request, response);
    }
}
