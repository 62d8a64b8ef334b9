package dev.firstcome.backend.infra.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict input on the main port: the JSON mapper's strictness ({@link StrictJson}, also used by the
 * apply on both ports), canonical ids in paths and query strings ({@link IdBinding}), no path parameters, and
 * Tomcat's own error answers as problem+json ({@link ProblemErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class StrictInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Bean
    FilterRegistrationBean<PathParametersFilter> pathParametersFilter(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new PathParametersFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setName("firstcomePathParameters");
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            }
        });
    }
}
