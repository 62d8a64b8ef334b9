package dev.firstcome.backend.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Many threads over real HTTP redeeming one coupon: exactly one order wins, every other gets 409
 * ALREADY_REDEEMED, and the coupon's history holds one redemption. Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractRedemptionRaceTests {

    @LocalServerPort
    int port;

    CouponHttp http;

    @BeforeEach
    void setUp() {
        http = new CouponHttp(port);
    }

    @Test
    void twoHundredOrdersRacingForOneCouponExactlyOneWins() {
        long event = http.createEventWithTerms(
                "redeem-race", 10, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":500,\"minOrderAmount\":1000}");
        long coupon = http.win(event, "racer");

        List<Answer> answers = Race.run(48, 200, i -> http.redeem(coupon, "racer", "order-" + i, 2_000, "key-" + i));

        Map<Integer, Long> statuses =
                answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertThat(statuses).containsEntry(200, 1L).containsEntry(409, 199L).hasSize(2);
        assertThat(answers.stream().filter(a -> a.status() == 409).map(a -> a.text("reason")))
                .containsOnly("ALREADY_REDEEMED");
        String winner = answers.stream()
                .filter(a -> a.status() == 200)
                .findFirst()
                .orElseThrow()
                .text("orderId");
        JsonNode state = http.coupon("racer", coupon);
        assertThat(state.get("status").asString()).isEqualTo("REDEEMED");
        assertThat(state.get("orderId").asString()).isEqualTo(winner);
        assertThat(state.get("history")).hasSize(2);
    }

    @Test
    void oneRequestRetriedConcurrentlyWithItsKeyGetsOneAnswerEverywhere() {
        long event = http.createEventWithTerms(
                "redeem-retries", 10, "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":20,\"maxDiscount\":300}");
        long coupon = http.win(event, "retrier");

        List<Answer> answers = Race.run(32, 100, i -> http.redeem(coupon, "retrier", "order-x", 1_000, "same-key"));

        assertThat(answers).allMatch(a -> a.status() == 200);
        assertThat(answers.stream().map(Answer::body).distinct()).hasSize(1);
        assertThat(answers.get(0).number("discount")).isEqualTo(200);
        assertThat(http.coupon("retrier", coupon).get("history")).hasSize(2);
    }

    @Test
    void redeemsAndReleasesRacingOnManyCouponsLeaveEachCouponConsistent() {
        long event =
                http.createEventWithTerms("redeem-release", 100, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":100}");
        int coupons = 8;
        long[] ids = new long[coupons];
        for (int c = 0; c < coupons; c++) {
            ids[c] = http.win(event, "rr-" + c);
        }

        // per coupon: 10 orders try to redeem and each also tries to release (only the holder may)
        List<Answer> answers = Race.run(48, coupons * 20, i -> {
            int c = i % coupons;
            int order = (i / coupons) % 10;
            return i / coupons < 10
                    ? http.redeem(ids[c], "rr-" + c, "o-" + order, 500, "k-" + order)
                    : http.release(ids[c], "rr-" + c, "o-" + order);
        });

        assertThat(answers).allMatch(a -> a.status() == 200 || a.status() == 409);
        long holding = 0;
        long redemptions = 0;
        long releases = 0;
        for (int c = 0; c < coupons; c++) {
            JsonNode state = http.coupon("rr-" + c, ids[c]);
            long redeemed = 0;
            long released = 0;
            String holder = null;
            for (JsonNode t : state.get("history")) {
                if (t.get("to").asString().equals("REDEEMED")) {
                    redeemed++;
                    holder = t.get("orderId").asString();
                } else if (!t.get("from").isNull() && t.get("from").asString().equals("REDEEMED")) {
                    released++;
                    assertThat(t.get("orderId").asString()).isEqualTo(holder);
                    holder = null;
                }
            }
            assertThat(redeemed - released)
                    .isEqualTo(state.get("status").asString().equals("REDEEMED") ? 1 : 0);
            holding += redeemed - released;
            redemptions += redeemed;
            releases += released;
        }

        // the console's funnel and timeline (operators' SQL) agree with the coupons, on this database too
        Answer funnel = http.api.admin("GET", "/api/admin/events/" + event + "/coupons/funnel", null);
        assertThat(funnel.status()).isEqualTo(200);
        assertThat(funnel.number("REDEEMED")).isEqualTo(holding);
        assertThat(funnel.number("ISSUED")).isEqualTo(coupons - holding);
        Answer timeline = http.api.admin("GET", "/api/admin/events/" + event + "/coupons/timeline?bucket=PT1H", null);
        assertThat(timeline.status()).isEqualTo(200);
        long redeemedInBuckets = 0;
        long releasedInBuckets = 0;
        for (JsonNode bucket : timeline.body().get("buckets")) {
            redeemedInBuckets += bucket.get("redeemed").asLong();
            releasedInBuckets += bucket.get("released").asLong();
        }
        assertThat(redeemedInBuckets).isEqualTo(redemptions);
        assertThat(releasedInBuckets).isEqualTo(releases);
    }

    @Test
    void twoOrdersForTheLastUnitGoThroughTheFlowOnThisDatabase() {
        String sku = "last-" + System.nanoTime();
        assertThat(http.api
                        .admin("PUT", "/api/admin/stock/" + sku, "{\"stock\":1,\"price\":2000}")
                        .status())
                .isEqualTo(200);
        long event = http.createEventWithTerms("last unit", 10, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":300}");
        long coupon = http.win(event, "lu-0");

        List<Answer> placed = Race.run(
                2,
                2,
                i -> http.post(
                        "/api/orders",
                        "{\"userId\":\"lu-" + i + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]"
                                + (i == 0 ? ",\"couponId\":" + coupon : "") + "}",
                        null));
        assertThat(placed).allMatch(a -> a.status() == 201);
        List<String> states = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(
                        () -> placed.stream()
                                .map(a -> http.api
                                        .get("/api/orders/" + a.number("id"))
                                        .text("state"))
                                .sorted()
                                .toList(),
                        s -> s.equals(List.of("FAILED", "SHIPPED")));
        assertThat(states).containsExactly("FAILED", "SHIPPED");

        Answer failures = http.api.admin("GET", "/api/admin/orders/failures", null);
        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.number("OUT_OF_STOCK")).isGreaterThanOrEqualTo(1);
        Answer failed = http.api.admin("GET", "/api/admin/orders/failed?limit=500", null);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body().findValuesAsString("reason")).contains("OUT_OF_STOCK: " + sku);
        // the coupon: redeemed by the order that shipped, or back to ISSUED when its order failed
        boolean couponOrderShipped = http.api
                .get("/api/orders/" + placed.getFirst().number("id"))
                .text("state")
                .equals("SHIPPED");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(
                        () -> http.coupon("lu-0", coupon).get("status").asString(),
                        status -> status.equals(couponOrderShipped ? "REDEEMED" : "ISSUED"));
    }
}
