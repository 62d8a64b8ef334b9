package dev.firstcome.backend.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The checkout flow with a gateway that declines every charge: the coupon and the stock come back. */
@TestPropertySource(properties = {"firstcome.namespace=orders-declined", "firstcome.orders.payment-failure-rate=1"})
class OrderPaymentFailureIntegrationTests extends AbstractOrderFlowTests {

    @Test
    void aDeclinedPaymentFailsTheOrderAndReturnsTheCouponAndTheStock() {
        String sku = "sku-declined-" + System.nanoTime();
        setStock(sku, 4, 2_500);
        long event = http.createEventWithTerms("declined", 10, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":500}");
        long coupon = http.win(event, "declined-1");

        Answer created = order("declined-1", sku, 3, coupon);
        Answer failed = awaitFinal(created.number("id"));

        assertThat(failed.text("state")).isEqualTo("FAILED");
        assertThat(failed.text("reason")).isEqualTo("PAYMENT_DECLINED");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> stock(sku) == 4
                        && http.coupon("declined-1", coupon)
                                .get("status")
                                .asString()
                                .equals("ISSUED"));
        JsonNode couponState = http.coupon("declined-1", coupon);
        List<String> transitions = new ArrayList<>();
        for (JsonNode t : couponState.get("history")) {
            transitions.add(t.get("to").asString() + " by " + t.get("actor").asString());
        }
        String order = "order:" + created.number("id");
        assertThat(transitions).containsExactly("ISSUED by system", "REDEEMED by " + order, "ISSUED by " + order);
        // the coupon can be used again by another order
        assertThat(http.redeem(coupon, "declined-1", "another", 10_000, "k").status())
                .isEqualTo(200);
    }
}
