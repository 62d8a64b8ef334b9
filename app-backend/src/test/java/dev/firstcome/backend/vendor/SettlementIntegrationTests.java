package dev.firstcome.backend.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.KafkaLag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Redemptions credit the funding vendor and releases reverse it, through the event publication registry,
 * Kafka and the settlement consumer, exactly once: a replayed entry changes nothing. Real HTTP, the
 * embedded Redis, Kafka and PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "firstcome.namespace=settlement-it")
class SettlementIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FirstComeNames names;

    @Autowired
    Environment environment;

    @Autowired
    Admin admin;

    @Test
    void redemptionsMinusReleasesTimesTheCostIsOwedOnceAndAReplayPaysNothing() throws Exception {
        HttpApi api = new HttpApi(port);
        var coupons = new CouponHttp(port);
        long vendor = coupons.createVendor("settled-" + System.nanoTime(), 700);
        long event = coupons.createEventWithTerms(
                "settled", 20, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":1000},\"vendorId\":" + vendor);
        int redeemed = 6;
        int released = 2;
        long[] ids = new long[redeemed];
        for (int i = 0; i < redeemed; i++) {
            ids[i] = coupons.win(event, "settle-" + i);
            assertThat(coupons.redeem(ids[i], "settle-" + i, "order-" + i, 5_000, "k-" + i)
                            .status())
                    .isEqualTo(200);
        }
        for (int i = 0; i < released; i++) {
            assertThat(coupons.release(ids[i], "settle-" + i, "order-" + i).status())
                    .isEqualTo(200);
            assertThat(coupons.release(ids[i], "settle-" + i, "order-" + i).status())
                    .isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.admin("GET", "/api/admin/vendors/" + vendor + "/balance", null)
                                .number("owed")
                        == (redeemed - released) * 700L);
        Answer balance = api.admin("GET", "/api/admin/vendors/" + vendor + "/balance", null);
        assertThat(balance.number("redemptions")).isEqualTo(redeemed);
        assertThat(balance.number("reversals")).isEqualTo(released);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL", Long.class)
                        == 0);

        // the same entry delivered again (a resubmission, a redelivery after a crash) is booked once
        String entry = jdbc.queryForObject(
                "SELECT serialized_event FROM event_publication WHERE event_type LIKE '%VendorLedgerEntry'"
                        + " AND serialized_event LIKE ? LIMIT 1",
                String.class, "%\"vendorId\":" + vendor + ",%");
        try (var producer = new KafkaProducer<String, String>(
                Map.of("bootstrap.servers", environment.getProperty("spring.kafka.bootstrap-servers")),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(names.ledgerTopic(), Long.toString(vendor), entry))
                        .get();
            }
        }
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", Long.class, vendor);
        assertThat(rows).isEqualTo(redeemed + released);
        String day = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        // the replays are consumed once the group's lag is 0
        await().atMost(Duration.ofSeconds(30)).until(() -> settledLagIsZero());
        assertThat(api.admin("GET", "/api/admin/vendors/" + vendor + "/balance", null)
                        .number("owed"))
                .isEqualTo((redeemed - released) * 700L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", Long.class, vendor))
                .isEqualTo(rows);

        Answer report = api.admin(
                "GET",
                "/api/admin/vendors/" + vendor + "/settlement?from=" + day + "&to=" + tomorrow + "&zone=UTC",
                null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).hasSize(1);
        assertThat(report.body().get(0).get("redemptions").asLong()).isEqualTo(redeemed);
        assertThat(report.body().get(0).get("reversals").asLong()).isEqualTo(released);
        assertThat(report.body().get(0).get("owed").asLong()).isEqualTo((redeemed - released) * 700L);

        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/vendors/" + vendor
                                        + "/settlement.csv?from=" + day + "&to=" + tomorrow + "&zone=UTC"))
                                .header("Authorization", "Bearer " + HttpApi.ADMIN_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body())
                .isEqualTo("vendorId,day,redemptions,reversals,owed\n" + vendor + "," + day + "," + redeemed + ","
                        + released + "," + (redeemed - released) * 700L + "\n");

        Answer badRange =
                api.admin("GET", "/api/admin/vendors/" + vendor + "/settlement?from=" + tomorrow + "&to=" + day, null);
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.text("field")).isEqualTo("to");
    }

    @Test
    void theOutboxBacklogCountsTheUnsentPublicationsPerType() {
        HttpApi api = new HttpApi(port);
        java.util.UUID id = java.util.UUID.randomUUID();
        java.sql.Timestamp at = java.sql.Timestamp.from(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        // an unsent publication as a server dead between its commit and its send leaves it (dated ahead, so that
        // no resubmission picks it up meanwhile)
        jdbc.update(
                "INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,"
                        + " status, completion_attempts) VALUES (?, 'test-listener', 'x.y.StuckEvent', '{}', ?,"
                        + " 'PUBLISHED', 0)",
                id,
                at);
        try {
            Answer outbox = api.admin("GET", "/api/admin/outbox", null);
            assertThat(outbox.status()).isEqualTo(200);
            assertThat(outbox.body().get("byType").get("StuckEvent").asLong()).isEqualTo(1);
            assertThat(outbox.number("unsent")).isGreaterThanOrEqualTo(1);
            assertThat(api.get("/api/admin/outbox").status())
                    .as("operators only")
                    .isEqualTo(401);
        } finally {
            jdbc.update("DELETE FROM event_publication WHERE id = ?", id);
        }
        assertThat(api.admin("GET", "/api/admin/outbox", null)
                        .body()
                        .get("byType")
                        .has("StuckEvent"))
                .isFalse();
    }

    private boolean settledLagIsZero() throws Exception {
        return KafkaLag.of(admin, names.settlementGroup(), names.ledgerTopic()) == 0;
    }
}
