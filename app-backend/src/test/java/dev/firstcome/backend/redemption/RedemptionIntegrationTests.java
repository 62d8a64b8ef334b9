package dev.firstcome.backend.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Redeem, release and expiry over real HTTP against the embedded Redis, Kafka and PostgreSQL: coupons won
 * through the real apply and persist path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedemptionIntegrationTests {

    static final String TEN_PERCENT_CAPPED =
            "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":10,\"maxDiscount\":1500,\"minOrderAmount\":5000},"
                    + "\"validity\":{\"daysAfterIssue\":30}";

    @LocalServerPort
    int port;

    @Autowired
    ExpiryScheduler expiry;

    CouponHttp http;

    @BeforeEach
    void setUp() {
        http = new CouponHttp(port);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    IssuedStatusWriter statusWriter;

    @Test
    void everyCouponWonInARushCommitsWithItsIssuedStatusRowAndItsHistoryStartsIssued() throws Exception {
        long event = http.createEventWithTerms("status-rows", 300, TEN_PERCENT_CAPPED);
        // while the rush persists, one statement (one snapshot) counts coupons and status rows: they commit
        // together, so the two counts never differ
        var mismatches = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var samples = new java.util.concurrent.atomic.AtomicInteger();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!done.get()) {
                jdbc.query(
                        "SELECT (SELECT COUNT(*) FROM coupon WHERE event_id = ?),"
                                + " (SELECT COUNT(*) FROM coupon_state WHERE event_id = ?)",
                        rs -> {
                            samples.incrementAndGet();
                            if (rs.getLong(1) != rs.getLong(2)) {
                                mismatches.add(rs.getLong(1) + " coupons, " + rs.getLong(2) + " status rows");
                            }
                        },
                        event,
                        event);
            }
        });
        var answers = dev.firstcome.backend.support.Race.run(
                16, 300, i -> http.api.apply(event, "rush-status-" + i).status());
        assertThat(answers).containsOnly(201);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event)
                        == 300);
        done.set(true);
        watcher.join();

        assertThat(mismatches).as("coupon and status row counts seen apart").isEmpty();
        assertThat(samples.get()).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon_state WHERE event_id = ?", Long.class, event))
                .isEqualTo(300);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon_state s JOIN coupon c ON c.id = s.coupon_id"
                                + " WHERE s.event_id = ? AND s.status = 'ISSUED' AND s.user_id = c.user_id"
                                + " AND s.benefit_percent = 10 AND s.expires_at IS NOT NULL",
                        Long.class,
                        event))
                .isEqualTo(300);
        // the first transition (to ISSUED) is derived from the row: none is stored, each history shows one
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon_transition t JOIN coupon_state s ON s.coupon_id = t.coupon_id"
                                + " WHERE s.event_id = ?",
                        Long.class,
                        event))
                .isZero();
        for (int i : new int[] {0, 150, 299}) {
            String user = "rush-status-" + i;
            JsonNode coupon = http.coupon(user, http.couponOf(user, event));
            assertThat(transitions(coupon)).containsExactly("null->ISSUED by system");
            assertThat(coupon.get("history").get(0).get("at").asString())
                    .isEqualTo(coupon.get("admittedAt").asString());
        }
    }

    @Test
    void aRefusedStatusRowKeepsItsCouponOutUntilTheReissueWritesBoth() {
        long event = http.createEventWithTerms("status-refused", 20, TEN_PERCENT_CAPPED);
        String trigger = "fc_test_refuse_state_" + event;
        jdbc.execute("CREATE OR REPLACE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN IF NEW.event_id = " + event + " THEN RAISE EXCEPTION 'status refused by test trigger';"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON coupon_state FOR EACH ROW EXECUTE FUNCTION "
                + trigger + "()");
        try {
            var answers = dev.firstcome.backend.support.Race.run(
                    8, 20, i -> http.api.apply(event, "refused-status-" + i).status());
            assertThat(answers).containsOnly(201);
            // the coupons roll back with their status rows and take the failure path: failed issues, no coupon
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(90))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM failed_issue WHERE event_id = ? AND status = 'OPEN'",
                                    Long.class,
                                    event)
                            == 20);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event))
                    .isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon_state WHERE event_id = ?", Long.class, event))
                    .isZero();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS " + trigger + " ON coupon_state");
            jdbc.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
        }

        Answer reissued = http.api.admin("POST", "/api/admin/failed-issues/reissue", "{\"eventId\":" + event + "}");
        assertThat(reissued.status()).isEqualTo(200);
        // the scheduled reissue (every minute) may have taken some of them first
        assertThat(reissued.number("persisted") + reissued.number("skipped")).isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event))
                .isEqualTo(20);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon_state s JOIN coupon c ON c.id = s.coupon_id"
                                + " WHERE s.event_id = ? AND s.status = 'ISSUED' AND s.benefit_percent = 10",
                        Long.class,
                        event))
                .as("the reissue wrote each coupon with its status row")
                .isEqualTo(20);
    }

    @Test
    void couponsWithoutAStatusRowGetOneFromTheBackfillWithTheirEventsTerms() {
        long event = http.createEventWithTerms("status-backfill", 5, TEN_PERCENT_CAPPED);
        List<Long> coupons = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            coupons.add(http.win(event, "backfill-" + i));
        }
        // as a server before this change left them: persisted while the status consumer lagged behind
        jdbc.update(
                "DELETE FROM coupon_transition WHERE coupon_id IN (SELECT coupon_id FROM coupon_state WHERE event_id = ?)",
                event);
        jdbc.update("DELETE FROM coupon_state WHERE event_id = ?", event);

        // how many this pass writes is not asserted: this context's own start-up pass may still be running and
        // write some of them first, and other tests insert coupon rows by hand; each coupon ends with one row
        // either way
        statusWriter.backfill();

        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon_state s WHERE s.event_id = ? AND s.status = 'ISSUED'"
                                + " AND s.benefit_percent = 10 AND s.expires_at IS NOT NULL",
                        Long.class,
                        event))
                .isEqualTo(5);
        assertThat(transitions(http.coupon("backfill-1", coupons.get(1)))).containsExactly("null->ISSUED by system");
        assertThat(statusWriter.backfill())
                .as("a second pass finds nothing to write")
                .isZero();
        assertThat(http.redeem(coupons.getFirst(), "backfill-0", "order-backfill", 10_000, "k-backfill")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRedeemAnswersTheDiscountOnceAndTheSameKeyAnswersTheSameAgain() {
        long vendor = http.createVendor("vendor-" + System.nanoTime(), 700);
        long event = http.createEventWithTerms("redeem-once", 10, TEN_PERCENT_CAPPED + ",\"vendorId\":" + vendor);
        long coupon = http.win(event, "alice-r1");

        JsonNode issued = http.coupon("alice-r1", coupon);
        assertThat(issued.get("status").asString()).isEqualTo("ISSUED");
        assertThat(issued.get("benefit").get("percentOff").asInt()).isEqualTo(10);
        assertThat(issued.get("vendorId").asLong()).isEqualTo(vendor);
        assertThat(issued.get("expiresAt").isNull()).isFalse();

        Answer first = http.redeem(coupon, "alice-r1", "order-1", 12_000, "key-1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.number("discount")).isEqualTo(1200);
        assertThat(first.text("status")).isEqualTo("REDEEMED");

        Answer retry = http.redeem(coupon, "alice-r1", "order-1", 12_000, "key-1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());

        Answer otherOrder = http.redeem(coupon, "alice-r1", "order-2", 12_000, "key-2");
        assertThat(otherOrder.status()).isEqualTo(409);
        assertThat(otherOrder.isProblem()).isTrue();
        assertThat(otherOrder.text("reason")).isEqualTo("ALREADY_REDEEMED");

        Answer keyReused = http.redeem(coupon, "alice-r1", "order-3", 12_000, "key-1");
        assertThat(keyReused.status()).isEqualTo(422);
        assertThat(keyReused.text("field")).isEqualTo("Idempotency-Key");

        JsonNode redeemed = http.coupon("alice-r1", coupon);
        assertThat(redeemed.get("status").asString()).isEqualTo("REDEEMED");
        assertThat(redeemed.get("orderId").asString()).isEqualTo("order-1");
        List<String> history = transitions(redeemed);
        assertThat(history).containsExactly("null->ISSUED by system", "ISSUED->REDEEMED by user:alice-r1 for order-1");
    }

    @Test
    void theCapAndTheMinimumApplyAndARefusalIsReplayedToItsKey() {
        long event = http.createEventWithTerms("cap-min", 10, TEN_PERCENT_CAPPED);
        long coupon = http.win(event, "bob-r2");

        Answer below = http.redeem(coupon, "bob-r2", "order-1", 4_999, "k-below");
        assertThat(below.status()).isEqualTo(409);
        assertThat(below.text("reason")).isEqualTo("BELOW_MINIMUM");
        assertThat(below.text("detail")).contains("5000");
        assertThat(http.redeem(coupon, "bob-r2", "order-1", 4_999, "k-below").body())
                .isEqualTo(below.body());
        assertThat(http.coupon("bob-r2", coupon).get("status").asString()).isEqualTo("ISSUED");

        Answer capped = http.redeem(coupon, "bob-r2", "order-1", 100_000, "k-capped");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.number("discount")).isEqualTo(1500);
    }

    @Test
    void anotherCustomersCouponIsNotFoundAndNothingChanges() {
        long event = http.createEventWithTerms("wrong-user", 10, TEN_PERCENT_CAPPED);
        long coupon = http.win(event, "carol-r3");

        Answer wrongUser = http.redeem(coupon, "mallory-r3", "order-1", 10_000, "k-1");
        assertThat(wrongUser.status()).isEqualTo(404);
        assertThat(wrongUser.isProblem()).isTrue();
        assertThat(http.release(coupon, "mallory-r3", "order-1").status()).isEqualTo(404);
        assertThat(http.redeem(987_654_321L, "carol-r3", "order-1", 10_000, "k-1")
                        .status())
                .isEqualTo(404);
        assertThat(http.coupon("carol-r3", coupon).get("status").asString()).isEqualTo("ISSUED");
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        long event = http.createEventWithTerms("bad-input", 10, TEN_PERCENT_CAPPED);
        long coupon = http.win(event, "dave-r4");

        assertField(http.redeem(coupon, "dave-r4", "order-1", 10_000, null), "Idempotency-Key");
        assertField(http.redeem(coupon, "dave-r4", "order 1", 10_000, "k"), "orderId");
        assertField(http.redeem(coupon, "dave-r4", "order-1", -1, "k"), "orderAmount");
        assertField(
                http.post("/api/coupons/" + coupon + "/redeem", "{\"userId\":\"dave-r4\",\"orderId\":\"o\"}", "k"),
                "orderAmount");
        assertField(http.redeem(coupon, "bad user", "order-1", 10_000, "k"), "userId");
        assertField(http.release(coupon, "dave-r4", ""), "orderId");
        assertThat(http.coupon("dave-r4", coupon).get("status").asString()).isEqualTo("ISSUED");
        assertThat(transitions(http.coupon("dave-r4", coupon))).hasSize(1);
    }

    @Test
    void onlyTheRedeemingOrderReleasesItTwiceIsTheSameAndTheCouponIsUsableAgain() {
        long event = http.createEventWithTerms("release", 10, TEN_PERCENT_CAPPED);
        long coupon = http.win(event, "erin-r5");
        assertThat(http.redeem(coupon, "erin-r5", "order-a", 10_000, "ka").status())
                .isEqualTo(200);

        Answer byOther = http.release(coupon, "erin-r5", "order-b");
        assertThat(byOther.status()).isEqualTo(409);
        assertThat(byOther.text("reason")).isEqualTo("NOT_REDEEMED_BY_ORDER");

        Answer released = http.release(coupon, "erin-r5", "order-a");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("ISSUED");
        Answer again = http.release(coupon, "erin-r5", "order-a");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("ISSUED");

        assertThat(http.redeem(coupon, "erin-r5", "order-b", 10_000, "kb").status())
                .isEqualTo(200);
        assertThat(transitions(http.coupon("erin-r5", coupon)))
                .containsExactly(
                        "null->ISSUED by system",
                        "ISSUED->REDEEMED by user:erin-r5 for order-a",
                        "REDEEMED->ISSUED by user:erin-r5 for order-a",
                        "ISSUED->REDEEMED by user:erin-r5 for order-b");
    }

    @Test
    void aRedeemAfterTheExpiryIsRefusedBeforeTheJobAndTheJobMarksItOnce() {
        // valid until yesterday in Seoul: expired at the start of today there
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Seoul")).minusDays(1);
        long event = http.createEventWithTerms(
                "expired",
                10,
                "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":1000},\"validity\":{\"until\":\"" + yesterday + "\"}");
        long coupon = http.win(event, "frank-r6");

        assertThat(http.coupon("frank-r6", coupon).get("status").asString()).isEqualTo("EXPIRED");
        Answer refused = http.redeem(coupon, "frank-r6", "order-1", 10_000, "k1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("reason")).isEqualTo("EXPIRED");

        expiry.run();
        expiry.run();
        JsonNode expired = http.coupon("frank-r6", coupon);
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(transitions(expired)).containsExactly("null->ISSUED by system", "ISSUED->EXPIRED by system");
        assertThat(http.redeem(coupon, "frank-r6", "order-1", 10_000, "k2").text("reason"))
                .isEqualTo("EXPIRED");
    }

    @Test
    void aCouponOfAnEventWithoutABenefitIsNotRedeemable() {
        long event = http.api.createOpenEvent("no-benefit", 10, null);
        long coupon = http.win(event, "gina-r7");

        Answer refused = http.redeem(coupon, "gina-r7", "order-1", 10_000, "k1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("reason")).isEqualTo("NOT_REDEEMABLE");
        assertThat(http.coupon("gina-r7", coupon).get("expiresAt").isNull()).isTrue();
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo(field);
    }

    private static List<String> transitions(JsonNode coupon) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : coupon.get("history")) {
            String order =
                    t.get("orderId").isNull() ? "" : " for " + t.get("orderId").asString();
            out.add((t.get("from").isNull() ? "null" : t.get("from").asString()) + "->"
                    + t.get("to").asString() + " by " + t.get("actor").asString() + order);
        }
        return out;
    }
}
