package dev.firstcome.backend.infra.web;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds of {@link ConnectionLimits} on the main port (Tomcat): at most {@code mainMax} connections (past
 * that Tomcat stops accepting until one closes; the excess waits in the listen backlog), the request line
 * within the header timeout of the accept, headers within it of their first byte ({@link
 * SlowHeaderGuardProtocol}), the body within the body timeout of the headers ({@link
 * RequestBodyDeadlineFilter}), an idle keep-alive connection closed after the keep-alive timeout. The apply
 * server applies the same limits itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimitsProperties.class)
class HttpLimitsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HttpLimitsConfiguration.class);

    @Bean
    ConnectionLimits connectionLimits(HttpLimitsProperties settings) {
        ConnectionLimits limits = ConnectionLimits.of(settings, ConnectionLimits.processDescriptorLimit());
        log.info(
                "File descriptors: limit {}, {} kept for the server itself; at most {} connections on the main port,"
                        + " {} on the apply server; headers within {}, bodies within {}",
                limits.descriptorLimit(),
                limits.reserve(),
                limits.mainMax(),
                limits.applyMax(),
                limits.headerTimeout(),
                limits.bodyTimeout());
        return limits;
    }

    @Bean
    ConnectionBounds connectionBounds(ConnectionLimits limits) {
        return new ConnectionBounds(limits);
    }

    @Bean
    FilterRegistrationBean<RequestBodyDeadlineFilter> requestBodyDeadline(ConnectionLimits limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestBodyDeadlineFilter(limits.bodyTimeout(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("firstcomeRequestBodyDeadline");
        return registration;
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** Last of the Tomcat customizers, so that {@code server.tomcat.*} cannot undo the bounds. */
    record ConnectionBounds(ConnectionLimits limits)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.setProtocol(SlowHeaderGuardProtocol.class.getName());
            factory.addContextValves(new BodyDeadlineValve());
            // connector customizers run after Spring Boot's protocol handler customizers (server.tomcat.*)
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setMaxConnections(limits.mainMax());
                    http.setConnectionTimeout(millis(limits.headerTimeout()));
                    http.setKeepAliveTimeout(millis(limits.keepAliveTimeout()));
                    http.setMaxHeaderCount(HttpProtocolRules.MAX_HEADERS);
                }
                if (connector.getProtocolHandler() instanceof SlowHeaderGuardProtocol guarded) {
                    guarded.setHeaderTimeoutMillis(limits.headerTimeout().toMillis());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
