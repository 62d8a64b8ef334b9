package dev.firstcome.backend.order;

import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One consumer group per step of the checkout flow, all on the orders topic; each takes the state it acts
 * on and ignores the others. Offsets are committed after a batch was handled, so a consumer killed mid-flow
 * resumes from its last committed offset, and the step's idempotence makes the replay do nothing twice.
 */
@Component
class OrderStepListeners {

    private final OrderService orders;

    OrderStepListeners(OrderService orders) {
        this.orders = orders;
    }

    @KafkaListener(
            id = "firstcome-orders-stock",
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('stock')}",
            containerFactory = OrderKafkaConfiguration.CONTAINER_FACTORY)
    void stock(List<OrderStepReached> steps) {
        on(steps, "CREATED").forEach(orders::reserveStock);
    }

    @KafkaListener(
            id = "firstcome-orders-coupon",
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('coupon')}",
            containerFactory = OrderKafkaConfiguration.CONTAINER_FACTORY)
    void coupon(List<OrderStepReached> steps) {
        on(steps, "STOCK_RESERVED").forEach(orders::redeemCoupon);
    }

    @KafkaListener(
            id = "firstcome-orders-payment",
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('payment')}",
            containerFactory = OrderKafkaConfiguration.CONTAINER_FACTORY)
    void payment(List<OrderStepReached> steps) {
        on(steps, "COUPON_REDEEMED").forEach(orders::pay);
    }

    @KafkaListener(
            id = "firstcome-orders-shipment",
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('shipment')}",
            containerFactory = OrderKafkaConfiguration.CONTAINER_FACTORY)
    void shipment(List<OrderStepReached> steps) {
        on(steps, "PAID").forEach(orders::ship);
    }

    @KafkaListener(
            id = "firstcome-orders-compensation",
            topics = "#{@firstComeNames.ordersTopic()}",
            groupId = "#{@firstComeNames.ordersGroup('compensation')}",
            containerFactory = OrderKafkaConfiguration.CONTAINER_FACTORY)
    void compensation(List<OrderStepReached> steps) {
        on(steps, "FAILED").forEach(orders::compensate);
    }

    private static List<Long> on(List<OrderStepReached> steps, String state) {
        return steps.stream()
                .filter(s -> s != null && state.equals(s.state()))
                .map(OrderStepReached::orderId)
                .toList();
    }
}
