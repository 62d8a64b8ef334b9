package dev.firstcome.backend.security;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what on the main port. Spring Security normalises the path and its firewall rejects encoded
 * slashes, dots, semicolons and double slashes before any rule is matched; the rules match the decoded
 * path, and anything no rule names is denied (a new endpoint is closed until a rule opens it).
 *
 * <ul>
 *   <li>public: the apply (answered ahead of this chain by the apply hot path, which checks the customer
 *       itself), an event's public view, health (UP/DOWN only without a VIEWER token), {@code /error};
 *   <li>public: the waiting room's join, poll and audit (which a customer token, when identity is on,
 *       binds to its customer), the customer page {@code /e/{eventId}} and its files under {@code /room/};
 *   <li>a customer's coupons: anyone when customer identity is off, else that customer (or a VIEWER);
 *   <li>redeem and release of a coupon: public here; the controller identifies the customer as the apply
 *       does (the token's subject when customer identity is on) and answers 404 for another's coupon;
 *   <li>checkout ({@code POST /api/orders}, {@code GET /api/orders/{orderId}}): public here, the controller
 *       identifies the customer the same way (an order is read by its customer's token when identity is on);
 *   <li>VIEWER: every read of the admin API, the audit log, actuator metrics, the API docs;
 *   <li>OPERATOR: every change through the admin API (events, pause, close, reissue, heal, rush);
 *   <li>ADMIN: operator tokens, settings, vendors.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(CustomerIdentityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            BearerAuthenticationProvider bearer,
            CustomerIdentity customers,
            SecurityProblems problems)
            throws Exception {
        var authentication = new ProviderManager(List.of(bearer));
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> {})
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(request -> authentication)
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .authorizeHttpRequests(rules -> rules.requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/events/{eventId}/apply")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/events/{eventId}")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/events/{eventId}/queue")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/events/{eventId}/queue/{ticketId}")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/e/{eventId}", "/room/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/users/{userId}/coupons")
                        .access(ownCoupons(customers))
                        .requestMatchers(
                                HttpMethod.POST, "/api/coupons/{couponId}/redeem", "/api/coupons/{couponId}/release")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/orders")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/orders/{orderId}")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/api/admin/tokens", "/api/admin/tokens/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/admin/settings", "/api/admin/settings/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/admin/vendors", "/api/admin/vendors/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/admin", "/api/admin/**")
                        .hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/admin", "/api/admin/**")
                        .hasRole("VIEWER")
                        .requestMatchers("/api/admin", "/api/admin/**")
                        .hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/actuator", "/actuator/**")
                        .hasRole("VIEWER")
                        .requestMatchers(
                                HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .hasRole("VIEWER")
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(SecurityProblems problems) {
        return problems.rejected();
    }

    /** Identity off: anyone (the pre-identity behaviour). On: the customer whose id is in the path, or a VIEWER. */
    private static AuthorizationManager<RequestAuthorizationContext> ownCoupons(CustomerIdentity customers) {
        return (supplier, context) -> {
            if (!customers.enabled()) {
                return new AuthorizationDecision(true);
            }
            Authentication auth = supplier.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new AuthorizationDecision(false);
            }
            boolean viewer = auth.getAuthorities().stream().anyMatch(a -> "ROLE_VIEWER".equals(a.getAuthority()));
            boolean self = auth.getAuthorities().stream().anyMatch(a -> "ROLE_CUSTOMER".equals(a.getAuthority()))
                    && auth.getName().equals(context.getVariables().get("userId"));
            return new AuthorizationDecision(viewer || self);
        };
    }
}
