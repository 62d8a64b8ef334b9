package dev.firstcome.backend.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.backend.order.OrderNotFoundException;
import dev.firstcome.backend.order.OrderStepReached;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderStep;
import dev.firstcome.model.OrderView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The order notices' claim-then-send: a step delivered twice sends once, a failed send gives its claim (and
 * only its own) back so the redelivered batch sends it, a step of an order that does not exist and an
 * unreadable record are skipped, and the coupon step of an order without a coupon is silent. The integration
 * with the database and SMTP is {@code NotificationMailIntegrationTests}.
 */
class OrderStepNotifierTests {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    final Set<String> claimed = new HashSet<>();
    final List<OrderNotice> sent = new ArrayList<>();
    boolean failNextSend;
    Error nextError;

    final OrderNoticeClaims claims = new OrderNoticeClaims(null, SqlDialect.POSTGRESQL, Clock.systemUTC()) {
        @Override
        boolean claim(long orderId, String state) {
            return claimed.add(orderId + " " + state);
        }

        @Override
        void release(long orderId, String state) {
            claimed.remove(orderId + " " + state);
        }
    };

    final NotificationSender sender = new NotificationSender() {
        @Override
        public void send(CouponPersisted coupon) {}

        @Override
        public void send(OrderNotice notice) {
            if (nextError != null) {
                Error e = nextError;
                nextError = null;
                throw e;
            }
            if (failNextSend) {
                failNextSend = false;
                throw new IllegalStateException("SMTP down");
            }
            sent.add(notice);
        }
    };

    final OrderStepNotifier notifier = new OrderStepNotifier(new Orders(), claims, provider(sender));

    @Test
    void aStepDeliveredTwiceSendsOneNotice() {
        notifier.onSteps(List.of(step(1, "CREATED"), step(1, "STOCK_RESERVED"), step(1, "CREATED")));
        notifier.onSteps(List.of(step(1, "STOCK_RESERVED")));

        assertThat(sent).extracting(OrderNotice::state).containsExactly(OrderState.CREATED, OrderState.STOCK_RESERVED);
        assertThat(sent.getFirst().userId()).isEqualTo("u1");
        assertThat(sent.getFirst().at()).isEqualTo(T0);
    }

    @Test
    void aFailedSendGivesItsClaimBackAndTheRedeliverySendsIt() {
        notifier.onSteps(List.of(step(1, "CREATED")));
        failNextSend = true;
        List<OrderStepReached> batch = List.of(step(1, "CREATED"), step(2, "CREATED"), step(3, "CREATED"));

        assertThatThrownBy(() -> notifier.onSteps(batch)).hasMessage("SMTP down");
        assertThat(claimed)
                .as("order 2's claim given back, order 3 not reached")
                .containsOnly("1 CREATED");

        notifier.onSteps(batch);
        assertThat(sent).extracting(OrderNotice::orderId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anErrorInTheSenderGivesTheClaimBackToo() {
        Error error = new StackOverflowError("template recursion");
        nextError = error;

        assertThatThrownBy(() -> notifier.onSteps(List.of(step(2, "CREATED")))).isSameAs(error);
        assertThat(claimed).isEmpty();

        notifier.onSteps(List.of(step(2, "CREATED")));
        assertThat(sent).extracting(OrderNotice::orderId).containsExactly(2L);
    }

    @Test
    void aFailureCarriesItsReasonAndAnOrderWithoutCouponPassesItsCouponStepSilently() {
        notifier.onSteps(List.of(step(4, "COUPON_REDEEMED"), step(5, "COUPON_REDEEMED"), step(5, "FAILED")));

        assertThat(sent)
                .extracting(n -> n.orderId() + " " + n.state() + " " + n.reason())
                .containsExactly("5 COUPON_REDEEMED null", "5 FAILED PAYMENT_DECLINED");
        assertThat(claimed).contains("4 COUPON_REDEEMED");
    }

    @Test
    void unreadableRecordsUnknownStatesAndMissingOrdersAreSkipped() {
        List<OrderStepReached> batch = new ArrayList<>();
        batch.add(null);
        batch.add(step(1, "TELEPORTED"));
        batch.add(step(404, "CREATED"));
        batch.add(step(1, "SHIPPED"));

        notifier.onSteps(batch);

        assertThat(sent).extracting(OrderNotice::state).containsExactly(OrderState.SHIPPED);
    }

    private static OrderStepReached step(long orderId, String state) {
        return new OrderStepReached(orderId, state, "orders");
    }

    private static ObjectProvider<NotificationSender> provider(NotificationSender sender) {
        return new StaticListableBeanFactory(Map.of("sender", sender)).getBeanProvider(NotificationSender.class);
    }

    /** Orders 1 to 5 (odd ones hold coupon 10 + id, order 5 failed); any other id does not exist. */
    static final class Orders implements OrderApi {

        @Override
        public OrderView find(long orderId, String userId) {
            if (orderId < 1 || orderId > 5) {
                throw new OrderNotFoundException(orderId);
            }
            boolean failed = orderId == 5;
            return new OrderView(
                    orderId,
                    "u" + orderId,
                    List.of(new OrderItem("sku", 1)),
                    orderId % 2 == 1 ? 10 + orderId : null,
                    failed ? OrderState.FAILED : OrderState.SHIPPED,
                    failed ? "PAYMENT_DECLINED" : null,
                    1_000L,
                    0L,
                    T0,
                    List.of(new OrderStep(OrderState.CREATED, T0, null)));
        }

        @Override
        public OrderView place(String userId, List<OrderItem> items, Long couponId, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<OrderState, Long> countByState() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setStock(String sku, long stock, long price) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long stock(String sku) {
            throw new UnsupportedOperationException();
        }
    }
}
