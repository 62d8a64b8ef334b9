package dev.firstcome.backend.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.security.OperatorTokenApi;
import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.RedemptionBucket;
import dev.firstcome.model.RedemptionTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The operators' reads of an event's coupons (funnel and timeline) over real HTTP with a VIEWER token,
 * against the embedded Redis, Kafka and PostgreSQL: coupons won, redeemed, released and expired through
 * the real paths.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedemptionTimelineIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ExpiryScheduler expiry;

    @Autowired
    RedemptionApi redemption;

    @Autowired
    OperatorTokenApi tokens;

    CouponHttp http;
    String viewer;

    @BeforeEach
    void setUp() {
        http = new CouponHttp(port);
        viewer = tokens.create(new OperatorTokenDraft("timeline viewer " + System.nanoTime(), OperatorRole.VIEWER))
                .secret();
    }

    @Test
    void theFunnelAndTheTimelineCountRedeemedReleasedAndExpiredCoupons() {
        String run = Long.toString(System.nanoTime());
        long event = http.createEventWithTerms(
                "timeline-" + run,
                10,
                "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":500},\"validity\":{\"daysAfterIssue\":30}");
        long alice = http.win(event, "alice-t" + run);
        long bob = http.win(event, "bob-t" + run);
        http.win(event, "carol-t" + run);
        assertThat(http.redeem(alice, "alice-t" + run, "order-a", 10_000, "ka").status())
                .isEqualTo(200);
        assertThat(http.redeem(bob, "bob-t" + run, "order-b", 10_000, "kb").status())
                .isEqualTo(200);
        assertThat(http.release(bob, "bob-t" + run, "order-b").status()).isEqualTo(200);
        // coupons issued from now on were valid until 2000-01-01: the next one is due at once
        Answer changed =
                http.api.admin("PATCH", "/api/admin/events/" + event, "{\"validity\":{\"until\":\"2000-01-01\"}}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        http.win(event, "dave-t" + run);
        expiry.run();

        Answer funnel = http.api.as(viewer, "GET", "/api/admin/events/" + event + "/coupons/funnel", null);
        assertThat(funnel.status()).as(funnel.toString()).isEqualTo(200);
        assertThat(funnel.number("ISSUED")).as("carol and bob (released)").isEqualTo(2);
        assertThat(funnel.number("REDEEMED")).as("alice").isEqualTo(1);
        assertThat(funnel.number("EXPIRED")).as("dave").isEqualTo(1);

        Answer hourly =
                http.api.as(viewer, "GET", "/api/admin/events/" + event + "/coupons/timeline?bucket=PT1H", null);
        assertThat(hourly.status()).as(hourly.toString()).isEqualTo(200);
        assertThat(hourly.number("bucketSeconds")).isEqualTo(3600);
        assertThat(sum(hourly.body(), "redeemed")).isEqualTo(2);
        assertThat(sum(hourly.body(), "released")).isEqualTo(1);
        assertThat(sum(hourly.body(), "expired")).isEqualTo(1);

        RedemptionTimeline auto = redemption.timeline(event, null);
        assertThat(auto.bucketSeconds())
                .isIn(TimelineBuckets.LADDER.stream().map(Duration::toSeconds).toList());
        assertThat(auto.buckets()).isNotEmpty().hasSizeLessThanOrEqualTo(TimelineBuckets.AUTO_BUCKETS);
        assertThat(auto.buckets().getFirst().start()).isEqualTo(auto.from());
        assertThat(auto.to())
                .isEqualTo(auto.from()
                        .plusSeconds(auto.bucketSeconds() * auto.buckets().size()));
        List<Instant> starts =
                auto.buckets().stream().map(RedemptionBucket::start).toList();
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i)).isEqualTo(starts.get(i - 1).plusSeconds(auto.bucketSeconds()));
        }
        assertThat(auto.buckets().stream().mapToLong(RedemptionBucket::redeemed).sum())
                .isEqualTo(2);
        assertThat(auto.buckets().stream().mapToLong(RedemptionBucket::released).sum())
                .isEqualTo(1);
        assertThat(auto.buckets().stream().mapToLong(RedemptionBucket::expired).sum())
                .isEqualTo(1);
    }

    @Test
    void anEventWithoutCouponsHasAnEmptyFunnelAndTimeline() {
        long event = http.api.createOpenEvent("no coupons yet", 5, null);

        Answer funnel = http.api.as(viewer, "GET", "/api/admin/events/" + event + "/coupons/funnel", null);
        assertThat(funnel.status()).isEqualTo(200);
        assertThat(funnel.number("ISSUED") + funnel.number("REDEEMED") + funnel.number("EXPIRED"))
                .isZero();
        Answer timeline = http.api.as(viewer, "GET", "/api/admin/events/" + event + "/coupons/timeline", null);
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.body().get("buckets").isEmpty()).isTrue();
        assertThat(timeline.body().get("from").isNull()).isTrue();
    }

    @Test
    void aBadBucketIsA400NamingItAndTheReadsNeedAToken() {
        long event = http.api.createOpenEvent("bad bucket", 5, null);
        String path = "/api/admin/events/" + event + "/coupons/timeline?bucket=";

        for (String bucket : List.of("PT1S", "P30D", "PT10.5S", "soon", "-PT1H")) {
            Answer bad = http.api.as(viewer, "GET", path + bucket, null);
            assertThat(bad.status()).as(bucket + " " + bad).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.text("field")).isEqualTo("bucket");
        }
        assertThat(http.api.as(null, "GET", path + "PT1H", null).status()).isEqualTo(401);
        assertThat(http.api
                        .as(null, "GET", "/api/admin/events/" + event + "/coupons/funnel", null)
                        .status())
                .isEqualTo(401);
    }

    private static long sum(JsonNode timeline, String field) {
        long total = 0;
        for (JsonNode bucket : timeline.get("buckets")) {
            total += bucket.get(field).asLong();
        }
        return total;
    }
}
