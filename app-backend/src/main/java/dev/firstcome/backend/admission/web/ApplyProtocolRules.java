package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.web.ApplyAnswers.Answer;
import dev.firstcome.backend.infra.web.HttpProtocolRules;
import dev.firstcome.backend.infra.web.Problems;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.HttpStatusCode;

/**
 * The apply server's side of {@link HttpProtocolRules}: what the main port refuses before routing, the apply
 * server refuses with the same status; and the rendering of an {@link Answer} as a Netty response.
 */
final class ApplyProtocolRules {

    private ApplyProtocolRules() {}

    /** The refusal of a request that breaks a rule, or null. */
    static Answer check(HttpRequest request, String path, ApplyAnswers answers) {
        HttpVersion version = request.protocolVersion();
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            return answers.problem(
                    Problems.of(
                            HttpStatusCode.valueOf(505),
                            "http-version-not-supported",
                            "HTTP version not supported",
                            "Only HTTP/1.0 and HTTP/1.1 are served, not " + version.text()),
                    path);
        }
        if (!HttpProtocolRules.METHODS.contains(request.method().name())) {
            return answers.problem(
                    Problems.invalidField(
                            "method", "The method " + request.method().name() + " is not allowed"),
                    path);
        }
        if (request.headers().size() > HttpProtocolRules.MAX_HEADERS) {
            return answers.problem(
                    Problems.invalidField(
                            "headers", "The request has more than " + HttpProtocolRules.MAX_HEADERS + " headers"),
                    path);
        }
        if (HttpVersion.HTTP_1_1.equals(version) && !request.headers().contains(HttpHeaderNames.HOST)) {
            return answers.problem(Problems.invalidField("Host", "An HTTP/1.1 request needs a Host header"), path);
        }
        return null;
    }

    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    static FullHttpResponse response(Answer answer, boolean keepAlive) {
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.wrappedBuffer(answer.body()));
        var headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        if (answer.retryAfter()) {
            headers.set(HttpHeaderNames.RETRY_AFTER, answer.retryAfterValue());
        }
        if (answer.challenge() != null) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, answer.challenge());
        }
        if (answer.status() == 405) {
            headers.set(HttpHeaderNames.ALLOW, "POST");
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
