package dev.firstcome.backend.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Who a customer is. Off by default (the embedded default for trying things out: the body's {@code userId}
 * is trusted, and the startup log and the console say so). On with {@code FIRSTCOME_CUSTOMER_JWT_SECRET}
 * (HS256) or {@code FIRSTCOME_CUSTOMER_JWKS_URL} (RS256/ES256): a bearer JWT whose {@code sub} is the
 * customer, with an {@code exp}, checked with Spring Security's Nimbus decoder on both ports.
 */
@Component
public class CustomerIdentity {

    private static final Logger log = LoggerFactory.getLogger(CustomerIdentity.class);
    private static final int MIN_SECRET_BYTES = 32;

    private final JwtDecoder decoder;
    private final String mode;
    /** HS256 only: the server holds the key, so the rush simulator can sign its virtual customers' tokens. */
    private final MACSigner signer;

    private final String issuer;
    private final String audience;
    private final Clock clock;

    CustomerIdentity(CustomerIdentityProperties properties, Clock clock) {
        this.clock = clock;
        boolean secret = StringUtils.hasText(properties.jwtSecret());
        boolean jwks = StringUtils.hasText(properties.jwksUrl());
        if (secret && jwks) {
            throw new IllegalStateException(
                    "Set FIRSTCOME_CUSTOMER_JWT_SECRET or FIRSTCOME_CUSTOMER_JWKS_URL, not both");
        }
        if (secret) {
            byte[] key = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("FIRSTCOME_CUSTOMER_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes (HS256 needs a 256-bit key)");
            }
            var nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            nimbus.setJwtValidator(validator(properties));
            decoder = nimbus;
            mode = "HS256 shared secret";
            try {
                signer = new MACSigner(key);
            } catch (KeyLengthException e) {
                throw new IllegalStateException("FIRSTCOME_CUSTOMER_JWT_SECRET is not a valid HS256 key", e);
            }
            issuer = StringUtils.hasText(properties.jwtIssuer())
                    ? properties.jwtIssuer().trim()
                    : null;
            audience = StringUtils.hasText(properties.jwtAudience())
                    ? properties.jwtAudience().trim()
                    : null;
        } else if (jwks) {
            var nimbus = NimbusJwtDecoder.withJwkSetUri(properties.jwksUrl().trim())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
            nimbus.setJwtValidator(validator(properties));
            decoder = nimbus;
            mode = "JWKS " + properties.jwksUrl().trim();
            signer = null;
            issuer = null;
            audience = null;
        } else {
            decoder = null;
            mode = "off";
            signer = null;
            issuer = null;
            audience = null;
            log.warn(
                    "Customer identity is OFF: the apply and the coupon reads trust the userId they are given."
                            + " Set FIRSTCOME_CUSTOMER_JWT_SECRET (HS256) or FIRSTCOME_CUSTOMER_JWKS_URL before a real launch.");
        }
        if (decoder != null) {
            log.info("Customer identity is ON ({}): applies and coupon reads need a bearer JWT", mode);
        }
    }

    /** The clock skew allowed on {@code exp} and {@code nbf} (docs/security.md). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static OAuth2TokenValidator<Jwt> validator(CustomerIdentityProperties properties) {
        var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        if (StringUtils.hasText(properties.jwtIssuer())) {
            validators.add(new JwtIssuerValidator(properties.jwtIssuer().trim()));
        }
        validators.add(new JwtClaimValidator<Object>("exp", exp -> exp != null));
        validators.add(new JwtClaimValidator<String>("sub", StringUtils::hasText));
        if (StringUtils.hasText(properties.jwtAudience())) {
            String audience = properties.jwtAudience().trim();
            validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        // Spring's defaults (the JWT type, the certificate thumbprint) join ours
        return JwtValidators.createDefaultWithValidators(validators);
    }

    public boolean enabled() {
        return decoder != null;
    }

    /** {@code off}, {@code HS256 shared secret} or {@code JWKS <url>}: for logs, health and the console. */
    public String mode() {
        return mode;
    }

    /**
     * The customer an apply (or another customer request) acts for. Identity off: {@code claimedUserId} as
     * given. On: the token's subject; a {@code claimedUserId} that is not the subject is refused (403).
     *
     * @param authorization the {@code Authorization} header, or null
     * @param claimedUserId the user id in the request, or null
     */
    public String userId(String authorization, String claimedUserId) {
        if (decoder == null) {
            return claimedUserId;
        }
        String subject = subject(authorization);
        if (claimedUserId != null && !claimedUserId.equals(subject)) {
            throw new CustomerIdentityException(
                    403, "userId", "userId does not match the customer of the bearer token");
        }
        return subject;
    }

    /** The verified subject of a bearer JWT; 401 when it is missing or not valid. */
    public String subject(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new CustomerIdentityException(
                    401, "Authorization", "This request needs Authorization: Bearer <customer token>");
        }
        return decode(authorization.substring(7).strip()).getSubject();
    }

    /**
     * The {@code Authorization} header a virtual customer of the rush simulator sends: none with identity
     * off; with HS256 a token for {@code userId} valid for ten minutes; with JWKS none (the server cannot sign
     * for the identity provider: such a rush is answered 401, which its report shows).
     */
    public String authorizationFor(String userId) {
        if (signer == null) {
            return null;
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a rush customer's token", e);
        }
        return "Bearer " + jwt.serialize();
    }

    Jwt decode(String token) {
        if (decoder == null) {
            throw new CustomerIdentityException(401, "Authorization", "Customer tokens are not enabled here");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new CustomerIdentityException(401, "Authorization", "The customer token is not valid");
        }
        if (!subjectIsAString(token)) {
            throw new CustomerIdentityException(401, "Authorization", "The customer token is not valid");
        }
        return jwt;
    }

    /**
     * RFC 7519: {@code sub} is a string. Nimbus parses a number there into its text ({@code "sub": 12345} was
     * the customer "12345"), so the payload of the (already verified) token is read again as it was sent.
     */
    private static boolean subjectIsAString(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            var claims = JSONObjectUtils.parse(new Base64URL(token.substring(first + 1, second)).decodeToString());
            return claims.get("sub") instanceof String;
        } catch (java.text.ParseException | RuntimeException e) {
            return false;
        }
    }
}
