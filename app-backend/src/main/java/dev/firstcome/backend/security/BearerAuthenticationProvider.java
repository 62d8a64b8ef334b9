package dev.firstcome.backend.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a bearer token into an operator (an opaque token: the bootstrap token or one of the database) or a
 * customer (a JWT, when customer identity is on). Operator tokens never contain a dot; JWTs always do.
 */
@Component
class BearerAuthenticationProvider implements AuthenticationProvider {

    private final OperatorTokenService operators;
    private final CustomerIdentity customers;

    BearerAuthenticationProvider(OperatorTokenService operators, CustomerIdentity customers) {
        this.operators = operators;
        this.customers = customers;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.indexOf('.') >= 0 && customers.enabled()) {
            String subject;
            try {
                subject = customers.decode(token).getSubject();
            } catch (CustomerIdentityException e) {
                throw new BadCredentialsException(e.getMessage());
            }
            return new Authenticated(subject, List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")), token);
        }
        OperatorPrincipal operator = operators
                .authenticate(token)
                .orElseThrow(() -> new BadCredentialsException("The bearer token is not valid"));
        return new Authenticated(operator.name(), operator.authorities(), operator);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** An authenticated operator or customer: its name is what the audit log records. */
    static final class Authenticated extends AbstractAuthenticationToken {

        private final String name;
        private final transient Object details;

        Authenticated(
                String name,
                List<? extends org.springframework.security.core.GrantedAuthority> authorities,
                Object details) {
            super(authorities);
            this.name = name;
            this.details = details;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }

        Object source() {
            return details;
        }
    }
}
