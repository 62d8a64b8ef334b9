package dev.firstcome.desktop.commerce;

import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.backend.order.OrderAdminApi;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.FailedOrderView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.OrderState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The checkout flow for operators: orders per state, the failed ones with their reasons (the latest
 * {@link #SHOWN}) and per cause, and how far behind each checkout step's consumer group is.
 */
public final class OrdersViewModel {

    /** The failed orders listed (the newest failures). */
    static final int SHOWN = 100;

    /** A cause of failure and how many orders failed with it. */
    public record CauseCount(String cause, long count) {}

    private final OrderApi orders;
    private final OrderAdminApi admin;
    private final MonitorApi monitor;
    private final UiExecutor executor;
    private final ReadOnlyObjectWrapper<Map<OrderState, Long>> counts = new ReadOnlyObjectWrapper<>(zero());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<CauseCount> causes = FXCollections.observableArrayList();
    private final ObservableList<CauseCount> causesView = FXCollections.unmodifiableObservableList(causes);
    private final ObservableList<FailedOrderView> failed = FXCollections.observableArrayList();
    private final ObservableList<FailedOrderView> failedView = FXCollections.unmodifiableObservableList(failed);
    private final ObservableList<GroupLag> lags = FXCollections.observableArrayList();
    private final ObservableList<GroupLag> lagsView = FXCollections.unmodifiableObservableList(lags);
    private final ReadOnlyStringWrapper lagSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outboxSummary = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper outboxWaiting =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public OrdersViewModel(OrderApi orders, OrderAdminApi admin, MonitorApi monitor, UiExecutor executor) {
        this.orders = orders;
        this.admin = admin;
        this.monitor = monitor;
        this.executor = executor;
    }

    /** Orders per state (every state, 0 when none). */
    public ReadOnlyObjectProperty<Map<OrderState, Long>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** "12 orders: 8 shipped, 2 failed, 2 in the flow". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Failed orders per cause, most frequent first. */
    public ObservableList<CauseCount> causes() {
        return causesView;
    }

    /** The latest failed orders, the last to fail first. */
    public ObservableList<FailedOrderView> failed() {
        return failedView;
    }

    /** The consumer groups of the checkout steps with their lag. */
    public ObservableList<GroupLag> lags() {
        return lagsView;
    }

    /** "Checkout consumers: 0 records behind" (or which group Kafka did not answer for). */
    public ReadOnlyStringProperty lagSummaryProperty() {
        return lagSummary.getReadOnlyProperty();
    }

    /** "Outbox: nothing waiting to be sent", or how many events wait and for how long (the flow's other queue). */
    public ReadOnlyStringProperty outboxSummaryProperty() {
        return outboxSummary.getReadOnlyProperty();
    }

    /** True while events wait in the outbox. */
    public javafx.beans.property.ReadOnlyBooleanProperty outboxWaitingProperty() {
        return outboxWaiting.getReadOnlyProperty();
    }

    public void refresh() {
        executor.submit("Counting orders", orders::countByState, this::showCounts);
        executor.submit("Reading failed orders", () -> admin.failed(SHOWN), loaded -> {
            if (!failed.equals(loaded)) {
                failed.setAll(loaded);
            }
        });
        executor.submit("Reading the causes of failed orders", admin::failureCauses, loaded -> {
            List<CauseCount> rows = new ArrayList<>();
            loaded.forEach((cause, n) -> rows.add(new CauseCount(cause, n)));
            if (!causes.equals(rows)) {
                causes.setAll(rows);
            }
        });
        executor.submit("Reading the consumer lag", () -> monitor.pipeline().groups(), this::showLags);
        executor.submit("Reading the outbox", monitor::outbox, status -> {
            outboxSummary.set(outboxSummary(status, java.time.Instant.now()));
            outboxWaiting.set(status.unsent() > 0);
        });
    }

    /**
     * "Outbox: 2,914 events waiting to be sent to Kafka (2,900 OrderStepReached, 14 VendorLedgerEntry), the oldest
     * for 12 s": events committed with their step or redemption whose sending has not completed.
     */
    static String outboxSummary(dev.firstcome.model.OutboxStatus status, java.time.Instant now) {
        if (status.unsent() == 0) {
            return "Outbox: nothing waiting to be sent";
        }
        List<String> types = new ArrayList<>();
        status.byType().forEach((type, n) -> types.add(CouponFunnelViewModel.count(n) + " " + type));
        String text = "Outbox: " + CouponFunnelViewModel.count(status.unsent())
                + (status.unsent() == 1 ? " event" : " events") + " waiting to be sent to Kafka ("
                + String.join(", ", types) + ")";
        if (status.oldestPublishedAt() != null) {
            long seconds = Math.max(
                    0,
                    java.time.Duration.between(status.oldestPublishedAt(), now).toSeconds());
            text += ", the oldest for " + CouponFunnelViewModel.count(seconds) + " s";
        }
        return text;
    }

    private void showCounts(Map<OrderState, Long> loaded) {
        Map<OrderState, Long> all = zero();
        all.putAll(loaded);
        counts.set(all);
        summary.set(summary(all));
    }

    private void showLags(List<GroupLag> groups) {
        List<GroupLag> checkout =
                groups.stream().filter(g -> g.role().startsWith("checkout ")).toList();
        if (!lags.equals(checkout)) {
            lags.setAll(checkout);
        }
        lagSummary.set(lagSummary(checkout));
    }

    static String summary(Map<OrderState, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long shipped = counts.getOrDefault(OrderState.SHIPPED, 0L);
        long failedCount = counts.getOrDefault(OrderState.FAILED, 0L);
        long inFlow = total - shipped - failedCount;
        return CouponFunnelViewModel.count(total) + (total == 1 ? " order: " : " orders: ")
                + CouponFunnelViewModel.count(shipped) + " shipped, " + CouponFunnelViewModel.count(failedCount)
                + " failed, " + CouponFunnelViewModel.count(inFlow) + " in the flow";
    }

    static String lagSummary(List<GroupLag> checkout) {
        if (checkout.isEmpty()) {
            return "No checkout consumer group is known";
        }
        List<String> unknown =
                checkout.stream().filter(g -> !g.known()).map(GroupLag::role).toList();
        long behind = checkout.stream()
                .filter(GroupLag::known)
                .mapToLong(GroupLag::lag)
                .sum();
        String text = "Checkout consumers: " + CouponFunnelViewModel.count(behind)
                + (behind == 1 ? " record behind" : " records behind");
        return unknown.isEmpty() ? text : text + " (unknown for " + String.join(", ", unknown) + ")";
    }

    /** "checkout stock" -> "stock". */
    public static String step(GroupLag group) {
        return group.role().startsWith("checkout ") ? group.role().substring("checkout ".length()) : group.role();
    }

    /** "1,200", or "unknown" when Kafka did not answer for the group. */
    public static String lag(GroupLag group) {
        return group.known() ? CouponFunnelViewModel.count(group.lag()) : "unknown";
    }

    private static Map<OrderState, Long> zero() {
        Map<OrderState, Long> all = new EnumMap<>(OrderState.class);
        for (OrderState s : OrderState.values()) {
            all.put(s, 0L);
        }
        return all;
    }
}
