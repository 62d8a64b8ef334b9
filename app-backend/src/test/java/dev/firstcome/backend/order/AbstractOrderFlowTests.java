package dev.firstcome.backend.order;

import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Orders over real HTTP through the real flow (Redis stock, Kafka steps, the database). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractOrderFlowTests {

    static final Set<String> FINAL = Set.of("SHIPPED", "FAILED");

    @LocalServerPort
    int port;

    CouponHttp http;

    @BeforeEach
    void setUp() {
        http = new CouponHttp(port);
    }

    void setStock(String sku, long stock, long price) {
        Answer answer =
                http.api.admin("PUT", "/api/admin/stock/" + sku, "{\"stock\":" + stock + ",\"price\":" + price + "}");
        if (answer.status() != 200) {
            throw new IllegalStateException("stock not set: " + answer);
        }
    }

    long stock(String sku) {
        return http.api.admin("GET", "/api/admin/stock/" + sku, null).number("stock");
    }

    Answer order(String userId, String sku, int quantity, Long couponId) {
        return http.post(
                "/api/orders",
                "{\"userId\":\"" + userId + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]"
                        + (couponId == null ? "" : ",\"couponId\":" + couponId) + "}",
                null);
    }

    Answer awaitFinal(long orderId) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> http.api.get("/api/orders/" + orderId), a -> FINAL.contains(a.text("state")));
    }
}
