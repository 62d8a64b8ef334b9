package dev.firstcome.desktop;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.monitor.MonitorApi;
import org.springframework.context.ApplicationContext;

/** The backend facades the console uses, and nothing else of the backend. */
public record ConsoleBackend(
        InfrastructureApi infrastructure,
        EventApi events,
        AdmissionApi admission,
        MonitorApi monitor,
        IssuanceApi issuance) {

    public static ConsoleBackend from(ApplicationContext context) {
        return new ConsoleBackend(
                context.getBean(InfrastructureApi.class),
                context.getBean(EventApi.class),
                context.getBean(AdmissionApi.class),
                context.getBean(MonitorApi.class),
                context.getBean(IssuanceApi.class));
    }
}
