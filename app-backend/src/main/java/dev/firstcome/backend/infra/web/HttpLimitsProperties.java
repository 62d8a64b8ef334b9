package dev.firstcome.backend.infra.web;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one client may hold of the server, on the main port and on the apply server ({@code firstcome.http.*},
 * {@code FIRSTCOME_HTTP_*}). {@code maxConnections} and {@code applyMaxConnections}: 0 derives them from the
 * process's file descriptor limit ({@link ConnectionLimits}). {@code headerTimeout}: a request's line and
 * headers must be complete this long after its first byte (after the accept for a new connection), however
 * slowly they trickle in; {@code bodyTimeout}: its body this long after the headers; {@code keepAliveTimeout}:
 * how long a connection may wait, idle, for its next request.
 */
@Validated
@ConfigurationProperties("firstcome.http")
public record HttpLimitsProperties(
        @Min(0) @DefaultValue("0") int maxConnections,
        @Min(0) @DefaultValue("0") int applyMaxConnections,
        @DefaultValue("10s") Duration headerTimeout,
        @DefaultValue("10s") Duration bodyTimeout,
        @DefaultValue("60s") Duration keepAliveTimeout) {}
