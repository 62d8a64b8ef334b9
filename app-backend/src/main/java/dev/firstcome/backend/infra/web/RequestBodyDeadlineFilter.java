package dev.firstcome.backend.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request's body must arrive within {@code bodyTimeout} of its headers on the main port, however slowly it
 * trickles in: every read of the body after that deadline fails with {@link BodyTimeoutException}, and each
 * read waits at most Tomcat's {@code connectionTimeout} (the header timeout) for its next bytes, so a body takes
 * at most the sum of both. The answer is 408 problem+json naming {@code body}, and the connection is closed
 * without reading the rest of the body ({@link BodyDeadlineValve}).
 */
final class RequestBodyDeadlineFilter extends OncePerRequestFilter {

    private final long timeoutNanos;
    private final JsonMapper json;

    RequestBodyDeadlineFilter(Duration timeout, JsonMapper json) {
        this.timeoutNanos = timeout.toNanos();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() == 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response);
            return;
        }
        var bounded = new Bounded(request, timeoutNanos);
        try {
            chain.doFilter(bounded, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!bounded.expired || response.isCommitted()) {
                throw e;
            }
            answer(response);
        }
        if (bounded.expired && !response.isCommitted()) {
            answer(response);
        }
    }

    private void answer(HttpServletResponse response) throws IOException {
        response.reset();
        response.setStatus(HttpStatus.REQUEST_TIMEOUT.value());
        response.setHeader("Connection", "close");
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), problem(new BodyTimeoutException(timeoutNanos).getMessage()));
    }

    /** 408 naming {@code body}. */
    static ProblemDetail problem(String detail) {
        var problem = Problems.of(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout", detail);
        problem.setProperty("field", "body");
        return problem;
    }

    /** The deadline's exception among the causes of {@code failure} (Jackson wraps it), or null. */
    static BodyTimeoutException timeoutIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTimeoutException late) {
                return late;
            }
        }
        return null;
    }

    /** Thrown by a read of the body after its deadline. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException(long timeoutNanos) {
            super("The request body did not arrive within "
                    + Duration.ofNanos(timeoutNanos).toSeconds() + " s of its headers");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long deadline;
        private final long timeoutNanos;
        private volatile boolean expired;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long timeoutNanos) {
            super(request);
            this.timeoutNanos = timeoutNanos;
            this.deadline = System.nanoTime() + timeoutNanos;
        }

        private void check() throws IOException {
            if (System.nanoTime() - deadline > 0) {
                expired = true;
                setAttribute(BodyDeadlineValve.MISSED, Boolean.TRUE);
                throw new BodyTimeoutException(timeoutNanos);
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        check();
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        check();
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
