package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the apply hot path ahead of every other filter (on by default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "firstcome.admission.fast-path", havingValue = "true", matchIfMissing = true)
class FastApplyConfiguration {

    @Bean
    FilterRegistrationBean<FastApplyFilter> fastApplyFilter(AdmissionApi admission, ApplyAnswers answers) {
        var registration = new FilterRegistrationBean<>(new FastApplyFilter(admission, answers));
        registration.addUrlPatterns("/api/events/*");
        // right after the body deadline (infra.web), which is first
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("firstcomeFastApply");
        return registration;
    }
}
