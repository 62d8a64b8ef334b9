package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.web.ConnectionLimits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
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
            ConnectionLimits limits,
            ApplicationEventPublisher events) {
        return new ApplyHttpServer(admission, answers, properties.applyServer(), limits, events);
    }

    /**
     * {@code firstcome.http.connections{port=apply}} (open) and {@code ...max}; counters of connections
     * {@code refused} (at the cap, every slot answering), {@code evicted} (the oldest idle one, for a newcomer
     * at the cap) and {@code timed.out} (headers or body not in time).
     */
    @Bean
    MeterBinder applyConnectionMetrics(ApplyHttpServer server) {
        ApplyConnections slots = server.connections();
        return registry -> {
            Gauge.builder("firstcome.http.connections", slots, ApplyConnections::open)
                    .tag("port", "apply")
                    .description("Connections the port holds")
                    .register(registry);
            Gauge.builder("firstcome.http.connections.max", slots, ApplyConnections::max)
                    .tag("port", "apply")
                    .description("Connections the port holds at most")
                    .register(registry);
            FunctionCounter.builder("firstcome.http.connections.refused", slots, ApplyConnections::refused)
                    .tag("port", "apply")
                    .register(registry);
            FunctionCounter.builder("firstcome.http.connections.evicted", slots, ApplyConnections::evicted)
                    .tag("port", "apply")
                    .register(registry);
            FunctionCounter.builder("firstcome.http.connections.timed.out", slots, ApplyConnections::timedOutCount)
                    .tag("port", "apply")
                    .register(registry);
        };
    }
}
