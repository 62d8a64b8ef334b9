package dev.firstcome.backend.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.security.OperatorTokenApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The operators' reads of failed orders, over real HTTP with a VIEWER token, after orders failed in the real flow. */
@TestPropertySource(properties = "firstcome.namespace=orders-it")
class OrderAdminIntegrationTests extends AbstractOrderFlowTests {

    @Autowired
    OperatorTokenApi tokens;

    @Test
    void failedOrdersAreListedWithTheirReasonsAndCountedPerCause() {
        String viewer = tokens.create(new OperatorTokenDraft("orders viewer " + System.nanoTime(), OperatorRole.VIEWER))
                .secret();
        String run = Long.toString(System.nanoTime());
        String scarce = "sku-scarce-" + run;
        setStock(scarce, 1, 1_000);
        long unknown = order("lost-" + run, "sku-missing-" + run, 1, null).number("id");
        long tooMany = order("greedy-" + run, scarce, 2, null).number("id");
        assertThat(awaitFinal(unknown).text("state")).isEqualTo("FAILED");
        assertThat(awaitFinal(tooMany).text("state")).isEqualTo("FAILED");

        Answer failed = http.api.as(viewer, "GET", "/api/admin/orders/failed?limit=500", null);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode order : failed.body()) {
            long id = order.get("orderId").asLong();
            if (id == unknown || id == tooMany) {
                mine.add(order);
            }
        }
        assertThat(mine).hasSize(2);
        for (JsonNode order : mine) {
            boolean isUnknown = order.get("orderId").asLong() == unknown;
            assertThat(order.get("reason").asString())
                    .isEqualTo(isUnknown ? "UNKNOWN_SKU: sku-missing-" + run : "OUT_OF_STOCK: " + scarce);
            assertThat(order.get("userId").asString()).isEqualTo((isUnknown ? "lost-" : "greedy-") + run);
            assertThat(order.get("amount").isNull())
                    .as("never reserved, never priced")
                    .isTrue();
            assertThat(Instant.parse(order.get("failedAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(order.get("createdAt").asString()));
        }

        Answer causes = http.api.as(viewer, "GET", "/api/admin/orders/failures", null);
        assertThat(causes.status()).isEqualTo(200);
        assertThat(causes.number("UNKNOWN_SKU")).isPositive();
        assertThat(causes.number("OUT_OF_STOCK")).isPositive();
        List<Long> counts = new ArrayList<>();
        causes.body().properties().forEach(e -> counts.add(e.getValue().asLong()));
        assertThat(counts).as("most frequent first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aLimitOutOfRangeIsA400AndTheReadsNeedAToken() {
        String viewer = tokens.create(new OperatorTokenDraft("orders viewer " + System.nanoTime(), OperatorRole.VIEWER))
                .secret();
        for (String limit : List.of("0", "501")) {
            Answer bad = http.api.as(viewer, "GET", "/api/admin/orders/failed?limit=" + limit, null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.text("field")).isEqualTo("limit");
        }
        assertThat(http.api.as(null, "GET", "/api/admin/orders/failed", null).status())
                .isEqualTo(401);
        assertThat(http.api.as(null, "GET", "/api/admin/orders/failures", null).status())
                .isEqualTo(401);
    }

    @Test
    void theCauseIsTheReasonsCodeBeforeItsColon() {
        assertThat(OrderAdminQueries.cause("OUT_OF_STOCK: tea")).isEqualTo("OUT_OF_STOCK");
        assertThat(OrderAdminQueries.cause("COUPON_EXPIRED: Coupon 7 expired at 2030-01-01T00:00:00Z"))
                .isEqualTo("COUPON_EXPIRED");
        assertThat(OrderAdminQueries.cause("PAYMENT_DECLINED")).isEqualTo("PAYMENT_DECLINED");
        assertThat(OrderAdminQueries.cause(null)).isEqualTo("UNKNOWN");
    }
}
