package dev.firstcome.desktop.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.commerce.OrdersViewModel.CauseCount;
import dev.firstcome.desktop.testing.FakeMonitorApi;
import dev.firstcome.desktop.testing.FakeOrderApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.FailedOrderView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.PipelineStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersViewModelTests {

    private final FakeOrderApi orders = new FakeOrderApi();
    private final FakeMonitorApi monitor = new FakeMonitorApi();
    private final OrdersViewModel model = new OrdersViewModel(orders, orders, monitor, new InlineUiExecutor());

    @Test
    void countsPerStateFailuresPerCauseAndTheLatestFailedOrdersAreShown() {
        orders.setCounts(Map.of(OrderState.SHIPPED, 8L, OrderState.FAILED, 3L, OrderState.PAID, 1L));
        Map<String, Long> causes = new LinkedHashMap<>();
        causes.put("OUT_OF_STOCK", 2L);
        causes.put("PAYMENT_DECLINED", 1L);
        orders.setCauses(causes);
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        orders.setFailed(List.of(new FailedOrderView(12, "bob", 7L, null, "OUT_OF_STOCK: tea", at, at.plusSeconds(1))));

        model.refresh();

        assertThat(model.countsProperty().get())
                .containsEntry(OrderState.SHIPPED, 8L)
                .containsEntry(OrderState.CREATED, 0L)
                .hasSize(OrderState.values().length);
        assertThat(model.summaryProperty().get()).isEqualTo("12 orders: 8 shipped, 3 failed, 1 in the flow");
        assertThat(model.causes())
                .containsExactly(new CauseCount("OUT_OF_STOCK", 2), new CauseCount("PAYMENT_DECLINED", 1));
        assertThat(model.failed()).extracting(FailedOrderView::reason).containsExactly("OUT_OF_STOCK: tea");
        assertThat(orders.lastLimit).isEqualTo(OrdersViewModel.SHOWN);
    }

    @Test
    void theCheckoutStepsConsumerLagIsShownAndAnUnknownGroupNamed() {
        monitor.setPipeline(new PipelineStatus(
                "g",
                "t",
                0,
                0,
                0,
                LagStatus.OK,
                List.of(),
                List.of(
                        new GroupLag("fc-issuance", "issuance", "admitted", 5),
                        new GroupLag("fc-orders-stock", "checkout stock", "orders", 3),
                        new GroupLag("fc-orders-payment", "checkout payment", "orders", 1),
                        new GroupLag("fc-orders-shipment", "checkout shipment", "orders", -1)),
                0));

        model.refresh();

        assertThat(model.lags()).extracting(OrdersViewModel::step).containsExactly("stock", "payment", "shipment");
        assertThat(model.lags()).extracting(OrdersViewModel::lag).containsExactly("3", "1", "unknown");
        assertThat(model.lagSummaryProperty().get())
                .isEqualTo("Checkout consumers: 4 records behind (unknown for checkout shipment)");
        assertThat(OrdersViewModel.summary(Map.of(OrderState.SHIPPED, 1L)))
                .isEqualTo("1 order: 1 shipped, 0 failed, 0 in the flow");
        assertThat(OrdersViewModel.lagSummary(List.of())).isEqualTo("No checkout consumer group is known");
    }

    @Test
    void theOutboxBacklogIsShownWithItsTypesAndTheOldestEventsAge() {
        model.refresh();
        assertThat(model.outboxSummaryProperty().get()).isEqualTo("Outbox: nothing waiting to be sent");
        assertThat(model.outboxWaitingProperty().get()).isFalse();

        Map<String, Long> byType = new LinkedHashMap<>();
        byType.put("OrderStepReached", 2_900L);
        byType.put("VendorLedgerEntry", 14L);
        monitor.setOutbox(
                new dev.firstcome.model.OutboxStatus(2_914, Instant.now().minusSeconds(60), byType));
        model.refresh();

        assertThat(model.outboxSummaryProperty().get())
                .startsWith("Outbox: 2,914 events waiting to be sent to Kafka (2,900 OrderStepReached, 14"
                        + " VendorLedgerEntry), the oldest for ");
        assertThat(model.outboxWaitingProperty().get()).isTrue();
        Instant now = Instant.parse("2030-01-01T00:00:12Z");
        assertThat(OrdersViewModel.outboxSummary(
                        new dev.firstcome.model.OutboxStatus(
                                1, Instant.parse("2030-01-01T00:00:00Z"), Map.of("OrderStepReached", 1L)),
                        now))
                .isEqualTo("Outbox: 1 event waiting to be sent to Kafka (1 OrderStepReached), the oldest for 12 s");
    }
}
