package dev.firstcome.backend.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The synchronous settlement ({@code firstcome.redemption.settlement=SYNC}, the alternative the outbox is
 * measured against): each redemption books its credit and each release its reversal in the request's own
 * transaction, so the balance is right as soon as the answer is; retries racing over real HTTP book nothing
 * twice; nothing goes through the publication registry.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"firstcome.namespace=settlement-sync", "firstcome.redemption.settlement=SYNC"})
class SyncSettlementIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachRedemptionAndReleaseIsBookedInItsOwnTransactionOnceWhateverTheRetries() {
        HttpApi api = new HttpApi(port);
        var coupons = new CouponHttp(port);
        long vendor = coupons.createVendor("sync-" + System.nanoTime(), 300);
        long event = coupons.createEventWithTerms(
                "sync settled", 10, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":1000},\"vendorId\":" + vendor);
        int redeemed = 5;
        long[] ids = new long[redeemed];
        for (int i = 0; i < redeemed; i++) {
            ids[i] = coupons.win(event, "sync-" + i);
        }

        // every redemption sent 8 times at once with its key, and each release 8 times at once
        List<Integer> redeems = Race.run(8, redeemed * 8, t -> {
            int i = t % redeemed;
            return coupons.redeem(ids[i], "sync-" + i, "order-" + i, 5_000, "key-" + i)
                    .status();
        });
        assertThat(redeems).containsOnly(200);
        assertThat(owed(api, vendor)).as("owed as soon as answered").isEqualTo(redeemed * 300L);

        List<Integer> releases = Race.run(
                8,
                16,
                t -> coupons.release(ids[t % 2], "sync-" + t % 2, "order-" + t % 2)
                        .status());
        assertThat(releases).containsOnly(200);
        Answer balance = api.admin("GET", "/api/admin/vendors/" + vendor + "/balance", null);
        assertThat(balance.number("redemptions")).isEqualTo(redeemed);
        assertThat(balance.number("reversals")).isEqualTo(2);
        assertThat(balance.number("owed")).isEqualTo((redeemed - 2) * 300L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", Long.class, vendor))
                .isEqualTo(redeemed + 2L);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%VendorLedgerEntry'"
                                + " AND serialized_event LIKE ?",
                        Long.class, "%\"vendorId\":" + vendor + ",%"))
                .as("nothing through the outbox")
                .isZero();
    }

    private static long owed(HttpApi api, long vendor) {
        return api.admin("GET", "/api/admin/vendors/" + vendor + "/balance", null)
                .number("owed");
    }
}
