package dev.firstcome.backend.infra.web;

import java.util.Set;

/**
 * The HTTP/1.x rules both ports apply before routing a request (Tomcat and Spring Security's firewall on the
 * main port, the apply server by itself), so a client gets the same status from either:
 * HTTP/1.0 and HTTP/1.1 only (505 otherwise), the standard methods only (400), at most {@link #MAX_HEADERS}
 * headers (400), a {@code Host} header in every HTTP/1.1 request (400), a request line and a header block of at
 * most {@link #MAX_HEADER_BYTES} each (400).
 */
public final class HttpProtocolRules {

    public static final int MAX_HEADERS = 100;
    public static final int MAX_HEADER_BYTES = 8_192;
    /** What Spring Security's {@code StrictHttpFirewall} lets through. */
    public static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private HttpProtocolRules() {}
}
