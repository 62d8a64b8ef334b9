package dev.firstcome.desktop.testing;

import dev.firstcome.desktop.ConsoleBackend;

/** A console backend of fakes, for view tests without the embedded servers. */
public record FakeBackend(
        FakeInfrastructureApi infrastructure,
        FakeEventApi events,
        FakeAdmissionStateApi admission,
        FakeMonitorApi monitor,
        FakeIssuanceApi issuance,
        FakeRushApi rush,
        FakeOperatorTokenApi tokens,
        FakeAuditApi audit,
        FakeWaitingRoomApi rooms,
        FakeRedemptionApi redemption,
        FakeVendorApi vendors,
        FakeOrderApi orders) {

    public FakeBackend() {
        this(
                new FakeInfrastructureApi(),
                new FakeEventApi(),
                new FakeAdmissionStateApi(),
                new FakeMonitorApi(),
                new FakeIssuanceApi(),
                new FakeRushApi(),
                new FakeOperatorTokenApi(),
                new FakeAuditApi(),
                new FakeWaitingRoomApi(),
                new FakeRedemptionApi(),
                new FakeVendorApi(),
                new FakeOrderApi());
    }

    public ConsoleBackend console() {
        return new ConsoleBackend(
                infrastructure,
                events,
                admission,
                monitor,
                issuance,
                rush,
                tokens,
                audit,
                rooms,
                redemption,
                vendors,
                orders,
                orders);
    }
}
