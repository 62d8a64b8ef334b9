package dev.firstcome.backend.infra.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request line, header or path Tomcat refuses before any servlet runs:
 * garbage, too many headers, {@code %00} or {@code %2F} in the path, {@code HTTP/2.0}) as
 * {@code application/problem+json} instead of Tomcat's HTML page: no HTML, no server version, no stack
 * trace. The status Tomcat chose is kept; the body names what was wrong ({@code field}: {@code path},
 * {@code headers}, {@code protocol} or {@code request}).
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = body(status, fieldOf(status, response.getMessage(), throwable));
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell it
        }
    }

    static String fieldOf(int status, String message, Throwable throwable) {
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            return "protocol";
        }
        String text = ((message == null ? "" : message) + " "
                        + (throwable == null ? "" : String.valueOf(throwable.getMessage())))
                .toLowerCase(Locale.ROOT);
        if (text.contains("header")) {
            return "headers";
        }
        if (text.contains("uri") || text.contains("request target") || text.contains("path")) {
            return "path";
        }
        return "request";
    }

    static String body(int status, String field) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 400 ->
                switch (field) {
                    case "path" ->
                        "The request path is not valid: it may not contain an encoded '/', '\\' or NUL,"
                                + " control characters or '..' segments";
                    case "headers" -> "The request headers are not valid HTTP/1.1, too large or too many";
                    default -> "The request is not valid HTTP/1.1";
                };
            case 505 -> "This server speaks HTTP/1.1 (and HTTP/1.0); the request's HTTP version is not served";
            case 413, 431 -> "The request is too large";
            case 404 -> "No such resource";
            default -> "The request could not be answered (" + title + ")";
        };
        String slug = status == 404
                ? "not-found"
                : status == 505 ? "http-version-not-supported" : status >= 500 ? "internal-error" : "bad-request";
        return "{\"type\":\"https://firstcome.dev/problems/" + slug
                + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\")
                + "\",\"field\":\"" + field + "\"}";
    }
}
