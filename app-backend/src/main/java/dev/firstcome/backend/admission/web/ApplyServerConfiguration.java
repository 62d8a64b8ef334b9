package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The apply server on its own port (on by default; {@code firstcome.apply-server.enabled=false} turns it off). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "firstcome.apply-server.enabled", havingValue = "true", matchIfMissing = true)
class ApplyServerConfiguration {

    @Bean
    ApplyHttpServer applyHttpServer(
            AdmissionApi admission,
            ApplyAnswers answers,
            FirstComeProperties properties,
            ApplicationEventPublisher events) {
        return new ApplyHttpServer(admission, answers, properties.applyServer(), events);
    }
}
