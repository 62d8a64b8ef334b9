package dev.firstcome.desktop;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.backend.order.OrderAdminApi;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.backend.redemption.RedemptionApi;
import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.backend.security.OperatorTokenApi;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.backend.waitingroom.WaitingRoomApi;
import java.lang.reflect.Proxy;
import org.springframework.context.ApplicationContext;

/**
 * The backend facades the console uses, and nothing else of the backend. A facade this build does
 * not provide is replaced by one whose every call fails with a readable message.
 */
public record ConsoleBackend(
        InfrastructureApi infrastructure,
        EventApi events,
        AdmissionStateApi admission,
        MonitorApi monitor,
        IssuanceApi issuance,
        RushApi rush,
        OperatorTokenApi tokens,
        AuditApi audit,
        WaitingRoomApi rooms,
        RedemptionApi redemption,
        VendorApi vendors,
        OrderApi orders,
        OrderAdminApi orderAdmin) {

    public static ConsoleBackend from(ApplicationContext context) {
        return new ConsoleBackend(
                context.getBean(InfrastructureApi.class),
                context.getBean(EventApi.class),
                facade(context, AdmissionStateApi.class),
                facade(context, MonitorApi.class),
                facade(context, IssuanceApi.class),
                facade(context, RushApi.class),
                facade(context, OperatorTokenApi.class),
                facade(context, AuditApi.class),
                facade(context, WaitingRoomApi.class),
                facade(context, RedemptionApi.class),
                facade(context, VendorApi.class),
                facade(context, OrderApi.class),
                facade(context, OrderAdminApi.class));
    }

    private static <T> T facade(ApplicationContext context, Class<T> type) {
        return context.getBeanProvider(type).getIfAvailable(() -> unavailable(type));
    }

    /** A stand-in whose every call throws "… is not available in this build". */
    static <T> T unavailable(Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "unavailable " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(self);
                    default -> self == args[0];
                };
            }
            throw new UnsupportedOperationException(type.getSimpleName() + " is not available in this build");
        });
        return type.cast(proxy);
    }
}
