package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Checkout (customers, identified as for the apply) and the stock (operators). */
@RestController
class OrderController {

    private final OrderApi orders;
    private final CustomerIdentity identity;

    OrderController(OrderApi orders, CustomerIdentity identity) {
        this.orders = orders;
        this.identity = identity;
    }

    @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(
            @RequestBody(required = false) PlaceOrder request,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (request == null) {
            throw new InvalidRequestException("body", "a body with userId and items is required");
        }
        String userId = identity.userId(authorization, request.userId());
        OrderView order = orders.place(userId, request.items(), request.couponId(), idempotencyKey);
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    /** The order; with customer identity on, only its customer's token reads it. */
    @GetMapping("/api/orders/{orderId}")
    OrderView get(
            @PathVariable long orderId, @RequestHeader(name = "Authorization", required = false) String authorization) {
        return orders.find(orderId, identity.enabled() ? identity.subject(authorization) : null);
    }

    @GetMapping("/api/admin/orders/counts")
    Map<OrderState, Long> counts() {
        return orders.countByState();
    }

    @PutMapping(path = "/api/admin/stock/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> setStock(@PathVariable String sku, @RequestBody(required = false) StockLevel level) {
        if (level == null || level.stock() == null || level.price() == null) {
            throw new InvalidRequestException(
                    level == null ? "body" : level.stock() == null ? "stock" : "price",
                    "a body with stock and price (minor units) is required");
        }
        orders.setStock(sku, level.stock(), level.price());
        return Map.of("sku", sku, "stock", orders.stock(sku));
    }

    @GetMapping("/api/admin/stock/{sku}")
    Map<String, Object> stock(@PathVariable String sku) {
        return Map.of("sku", sku, "stock", orders.stock(sku));
    }

    record PlaceOrder(String userId, List<OrderItem> items, Long couponId) {}

    record StockLevel(Long stock, Long price) {}
}
