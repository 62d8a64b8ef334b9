package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.backend.admission.web.ApplyAnswers.Answer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The apply endpoint's hot path on the main HTTP port: {@code POST /api/events/{eventId}/apply}
 * answered straight from the servlet filter chain, without the DispatcherServlet's handler lookup,
 * argument resolution and message conversion (a third of the request CPU in profiles). Same contract as
 * {@link ApplyController} (which documents the endpoint in OpenAPI and serves it when
 * {@code firstcome.admission.fast-path=false}) and as the apply server ({@link ApplyHttpServer}).
 */
final class FastApplyFilter implements Filter {

    private final AdmissionApi admission;
    private final ApplyAnswers answers;

    FastApplyFilter(AdmissionApi admission, ApplyAnswers answers) {
        this.admission = admission;
        this.answers = answers;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        String uri = request.getRequestURI();
        String id = "POST".equals(request.getMethod()) ? ApplyAnswers.eventIdOf(uri) : null;
        if (id == null) {
            chain.doFilter(req, res);
            return;
        }
        write((HttpServletResponse) res, answer(request, id, uri));
    }

    private Answer answer(HttpServletRequest request, String id, String uri) throws IOException {
        try {
            long eventId = ApplyAnswers.parseEventId(id);
            Answer unsupported = answers.unsupportedMediaType(request.getContentType(), uri);
            if (unsupported != null) {
                return unsupported;
            }
            String userId = answers.userId(
                    request.getInputStream().readNBytes(ApplyAnswers.MAX_BODY + 1), request.getHeader("Authorization"));
            Answer refused = answers.gate(eventId, userId, request.getHeader(EntryGate.HEADER), uri);
            if (refused != null) {
                return refused;
            }
            Answer limited = answers.throttle(eventId, request.getRemoteAddr(), userId, uri)
                    .join();
            if (limited != null) {
                return limited;
            }
            return answers.of(admission.apply(eventId, userId), uri);
        } catch (RuntimeException e) {
            return answers.of(e, uri);
        }
    }

    /** Writes an answer of {@link ApplyAnswers} to a servlet response (the filter's and the controller's). */
    static void write(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        if (answer.retryAfter()) {
            response.setHeader("Retry-After", answer.retryAfterValue());
        }
        if (answer.challenge() != null) {
            response.setHeader("WWW-Authenticate", answer.challenge());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
