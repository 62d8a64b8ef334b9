package dev.firstcome.backend.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer identity ({@code FIRSTCOME_CUSTOMER_*}). With {@code jwtSecret} (HS256, at least 32 bytes) or
 * {@code jwksUrl} (RS256/ES256 keys of an identity provider) set, the apply, the coupon reads (and later the
 * queue) require {@code Authorization: Bearer <JWT>} whose {@code sub} is the customer. {@code issuer} and
 * {@code audience}, when set, must match the token's {@code iss} and {@code aud}. Unset: identity is off.
 */
@ConfigurationProperties("firstcome.customer")
record CustomerIdentityProperties(String jwtSecret, String jwksUrl, String jwtIssuer, String jwtAudience) {}
