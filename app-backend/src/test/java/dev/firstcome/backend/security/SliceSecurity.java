package dev.firstcome.backend.security;

import static org.mockito.BDDMockito.given;

import dev.firstcome.model.OperatorRole;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The main port's real security chain ({@link SecurityConfiguration}, the bearer provider, the problem+json
 * answers) in a {@code @WebMvcTest} slice, customer identity off. Three operator tokens are known: a request
 * sends one with {@link #viewer()}, {@link #operator()} or {@link #admin()}, or none (anonymous).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, SecurityProblems.class, BearerAuthenticationProvider.class, CustomerIdentity.class
})
public class SliceSecurity {

    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    OperatorTokenService operatorTokens() {
        OperatorTokenService tokens = Mockito.mock(OperatorTokenService.class);
        given(tokens.authenticate(ArgumentMatchers.anyString())).willReturn(Optional.empty());
        for (OperatorRole role : OperatorRole.values()) {
            given(tokens.authenticate(token(role)))
                    .willReturn(Optional.of(new OperatorPrincipal(
                            role.ordinal() + 1, role.name().toLowerCase(), role)));
        }
        return tokens;
    }

    private static String token(OperatorRole role) {
        return "slice-" + role.name().toLowerCase() + "-token";
    }

    private static RequestPostProcessor bearer(OperatorRole role) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token(role));
            return request;
        };
    }

    public static RequestPostProcessor viewer() {
        return bearer(OperatorRole.VIEWER);
    }

    public static RequestPostProcessor operator() {
        return bearer(OperatorRole.OPERATOR);
    }

    public static RequestPostProcessor admin() {
        return bearer(OperatorRole.ADMIN);
    }
}
