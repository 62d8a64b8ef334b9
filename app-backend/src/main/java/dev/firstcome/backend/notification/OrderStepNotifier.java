package dev.firstcome.backend.notification;

import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.backend.order.OrderNotFoundException;
import dev.firstcome.backend.order.OrderStepReached;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderStep;
import dev.firstcome.model.OrderView;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A notice to the customer at each step of the checkout flow (created, stock reserved, coupon redeemed, paid,
 * shipped, or failed with its reason; an order without a coupon passes its coupon step silently): its own
 * consumer group on the orders topic, beside the steps' groups.
 * Each (order, state) is claimed before it is sent ({@link OrderNoticeClaims}), so a step event delivered twice
 * sends one notice; a failed send gives its claim back and the batch is delivered again.
 */
@Component
class OrderStepNotifier {

    static final String ID = "firstcome-orders-notifications";

    private static final Logger log = LoggerFactory.getLogger(OrderStepNotifier.class);

    private final OrderApi orders;
    private final OrderNoticeClaims claims;
    private final NotificationSender sender;

    OrderStepNotifier(OrderApi orders, OrderNoticeClaims claims, ObjectProvider<NotificationSender> senders) {
        this.orders = orders;
        this.claims = claims;
        this.sender = senders.orderedStream().findFirst().orElseGet(LoggingNotificationSender::new);
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('notifications')}",
            containerFactory = NotificationConfiguration.ORDERS_CONTAINER_FACTORY,
            batch = "true")
    void onSteps(List<OrderStepReached> steps) {
        for (OrderStepReached step : steps) {
            OrderState state = readable(step);
            if (state == null || !claims.claim(step.orderId(), state.name())) {
                continue;
            }
            try {
                OrderView order = orders.find(step.orderId(), null);
                if (state != OrderState.COUPON_REDEEMED || order.couponId() != null) {
                    sender.send(notice(order, state));
                }
            } catch (OrderNotFoundException e) {
                log.warn("Order {} reached {} but does not exist here; no notice", step.orderId(), state);
            } catch (RuntimeException | Error e) {
                // an Error too: a claim no send followed would be a lost notice
                claims.release(step.orderId(), state.name());
                throw e;
            }
        }
    }

    private static OrderState readable(OrderStepReached step) {
        if (step == null) {
            log.error("An order step record could not be read; no notice for it");
            return null;
        }
        try {
            return OrderState.valueOf(step.state());
        } catch (IllegalArgumentException | NullPointerException e) {
            log.error("Order {} reached an unknown state {}; no notice for it", step.orderId(), step.state());
            return null;
        }
    }

    /** The notice of {@code state}: when the order first reached it, with the order's amount and reason. */
    static OrderNotice notice(OrderView order, OrderState state) {
        Instant at = order.history().stream()
                .filter(s -> s.state() == state)
                .map(OrderStep::at)
                .findFirst()
                .orElse(order.createdAt());
        return new OrderNotice(
                order.id(),
                order.userId(),
                state,
                state == OrderState.FAILED ? order.reason() : null,
                order.amount(),
                order.discount(),
                at);
    }
}
