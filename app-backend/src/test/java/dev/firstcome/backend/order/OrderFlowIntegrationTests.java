package dev.firstcome.backend.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The checkout flow with a gateway that accepts every charge. */
@TestPropertySource(properties = "firstcome.namespace=orders-it")
class OrderFlowIntegrationTests extends AbstractOrderFlowTests {

    @Autowired
    PaymentGateway gateway;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FirstComeNames names;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void anOrderWithACouponIsReservedRedeemedPaidAndShipped() {
        String sku = "sku-ok-" + System.nanoTime();
        setStock(sku, 5, 3_000);
        long event = http.createEventWithTerms(
                "checkout", 10, "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":10,\"minOrderAmount\":1000}");
        long coupon = http.win(event, "buyer-1");

        Answer created = order("buyer-1", sku, 2, coupon);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("state")).isEqualTo("CREATED");

        Answer done = awaitFinal(created.number("id"));
        assertThat(done.text("state")).isEqualTo("SHIPPED");
        assertThat(done.number("amount")).isEqualTo(6_000);
        assertThat(done.number("discount")).isEqualTo(600);
        List<String> steps = new ArrayList<>();
        for (JsonNode step : done.body().get("history")) {
            steps.add(step.get("state").asString());
        }
        assertThat(steps).containsExactly("CREATED", "STOCK_RESERVED", "COUPON_REDEEMED", "PAID", "SHIPPED");
        assertThat(stock(sku)).isEqualTo(3);
        JsonNode redeemed = http.coupon("buyer-1", coupon);
        assertThat(redeemed.get("status").asString()).isEqualTo("REDEEMED");
        assertThat(redeemed.get("orderId").asString()).isEqualTo("order-" + created.number("id"));
        assertThat(gatewayRecord("order-" + created.number("id")))
                .as("the gateway charged the order once, under the order as its idempotency key")
                .containsEntry("status", "CHARGED")
                .containsEntry("amount", "5400")
                .containsEntry("requests", "1");
    }

    @Test
    void aChargeAskedAgainWithItsIdempotencyKeyGetsTheRecordedAnswerAndIsNotChargedTwice() {
        String key = "order-retried-" + System.nanoTime();

        assertThat(gateway.charge(key, 4_200)).isTrue();
        assertThat(gateway.charge(key, 4_200)).isTrue();

        assertThat(gatewayRecord(key))
                .containsEntry("status", "CHARGED")
                .containsEntry("amount", "4200")
                .containsEntry("requests", "2");
        assertThat(redis.getExpire(names.keyPrefix() + ":gateway:" + key))
                .as("seconds the gateway keeps the key")
                .isPositive();
    }

    @Test
    void hundredConcurrentOrdersForTenInStockExactlyTenSucceed() {
        String sku = "sku-race-" + System.nanoTime();
        setStock(sku, 10, 1_000);

        List<Answer> created = Race.run(32, 100, i -> order("racer-" + i, sku, 1, null));
        assertThat(created).allMatch(a -> a.status() == 201);

        Map<String, Long> states = created.stream()
                .map(a -> awaitFinal(a.number("id")))
                .collect(Collectors.groupingBy(a -> a.text("state"), Collectors.counting()));
        assertThat(states).containsEntry("SHIPPED", 10L).containsEntry("FAILED", 90L);
        assertThat(stock(sku)).isZero();
    }

    @Test
    void anOrderRetriedConcurrentlyWithItsIdempotencyKeyIsPlacedOnce() {
        String sku = "sku-retry-" + System.nanoTime();
        setStock(sku, 100, 1_000);
        String user = "retrier-" + System.nanoTime();
        String body = "{\"userId\":\"" + user + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";

        // a client retrying the same order 16 times at once, as a flaky network makes it do
        List<Answer> tries = Race.run(16, 16, i -> http.post("/api/orders", body, "checkout-1"));
        assertThat(tries).allMatch(a -> a.status() == 201);
        assertThat(tries.stream().map(a -> a.number("id")).distinct()).hasSize(1);
        long id = tries.getFirst().number("id");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_order WHERE user_id = ?", Long.class, user))
                .isEqualTo(1);
        assertThat(awaitFinal(id).text("state")).isEqualTo("SHIPPED");
        assertThat(stock(sku)).as("reserved once").isEqualTo(99);

        Answer other = http.post("/api/orders", body.replace("\"quantity\":1", "\"quantity\":2"), "checkout-1");
        assertThat(other.status()).as("the key reused for another order").isEqualTo(422);
        assertThat(other.text("field")).isEqualTo("Idempotency-Key");
        Answer bad = http.post("/api/orders", body, "has space");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("Idempotency-Key");
        Answer again = http.post("/api/orders", body, "checkout-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.number("id")).isEqualTo(id);
        Answer next = http.post("/api/orders", body, "checkout-2");
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.number("id")).as("a new key, a new order").isNotEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_order WHERE user_id = ?", Long.class, user))
                .isEqualTo(2);
    }

    @Test
    void badOrdersAre400NamingTheField() {
        Answer noItems = http.post("/api/orders", "{\"userId\":\"u-bad\",\"items\":[]}", null);
        assertThat(noItems.status()).isEqualTo(400);
        assertThat(noItems.text("field")).isEqualTo("items");
        Answer zero = order("u-bad", "sku-x", 0, null);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.text("field")).isEqualTo("items[0].quantity");
        Answer othersCoupon = order("u-bad", "sku-x", 1, 987_654_321L);
        assertThat(othersCoupon.status()).isEqualTo(404);
        assertThat(http.api.get("/api/orders/987654321").status()).isEqualTo(404);
    }

    private Map<Object, Object> gatewayRecord(String idempotencyKey) {
        return redis.opsForHash().entries(names.keyPrefix() + ":gateway:" + idempotencyKey);
    }
}
