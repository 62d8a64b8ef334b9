package dev.firstcome.backend.order;

import static dev.firstcome.backend.security.SliceSecurity.operator;
import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of checkout (public, customer identity off) and the stock (VIEWER reads, OPERATOR sets). */
@WebMvcTest(OrderController.class)
@Import(SliceSecurity.class)
class OrderControllerTests {

    static final List<OrderItem> ITEMS = List.of(new OrderItem("sku-1", 2));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderApi orders;

    static OrderView order(long id, OrderState state) {
        return new OrderView(id, "alice", ITEMS, 9L, state, null, 2000L, 500L, SliceSecurity.NOW, List.of());
    }

    @Test
    void anAnonymousCustomerPlacesAnOrder201WithLocation() throws Exception {
        given(orders.place("alice", ITEMS, 9L, "key-1")).willReturn(order(12, OrderState.CREATED));

        mvc.perform(post("/api/orders")
                        .header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"userId\":\"alice\",\"items\":[{\"sku\":\"sku-1\",\"quantity\":2}],\"couponId\":9}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/12"))
                .andExpect(jsonPath("$.id").value(12))
                .andExpect(jsonPath("$.userId").value("alice"))
                .andExpect(jsonPath("$.items[0].sku").value("sku-1"))
                .andExpect(jsonPath("$.items[0].quantity").value(2))
                .andExpect(jsonPath("$.couponId").value(9))
                .andExpect(jsonPath("$.state").value("CREATED"))
                .andExpect(jsonPath("$.amount").value(2000))
                .andExpect(jsonPath("$.createdAt").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void anAnonymousCustomerReadsAnOrderWithIdentityOff() throws Exception {
        given(orders.find(12L, null)).willReturn(order(12, OrderState.PAID));

        mvc.perform(get("/api/orders/12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(12))
                .andExpect(jsonPath("$.state").value("PAID"))
                .andExpect(jsonPath("$.discount").value(500));
    }

    @Test
    void countsAndStockAreReadByAViewerAndSetByAnOperator() throws Exception {
        given(orders.countByState()).willReturn(Map.of(OrderState.PAID, 3L));
        given(orders.stock("sku-1")).willReturn(40L);

        mvc.perform(get("/api/admin/orders/counts").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.PAID").value(3));
        mvc.perform(get("/api/admin/stock/sku-1").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("sku-1"))
                .andExpect(jsonPath("$.stock").value(40));
        mvc.perform(put("/api/admin/stock/sku-1")
                        .with(operator())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\":40,\"price\":1000}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stock").value(40));
        then(orders).should().setStock("sku-1", 40, 1000);
    }

    @Test
    void anOrderWithoutBodyIs400ProblemNamingIt() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
        verifyNoInteractions(orders);
    }

    @Test
    void aStockWithoutItsPriceIs400ProblemNamingIt() throws Exception {
        mvc.perform(put("/api/admin/stock/sku-1")
                        .with(operator())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\":40}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("price"));
        verifyNoInteractions(orders);
    }

    @Test
    void aNonCanonicalOrderIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/orders/12x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("orderId"));
        verifyNoInteractions(orders);
    }

    @Test
    void theStockIsClosedToAnonymousAndSetOnlyByAnOperator() throws Exception {
        mvc.perform(get("/api/admin/orders/counts"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/admin/stock/sku-1")
                        .with(viewer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"stock\":40,\"price\":1000}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(orders);
    }

    @Test
    void anUnknownOrderIs404Problem() throws Exception {
        given(orders.find(13L, null)).willThrow(new OrderNotFoundException(13));

        mvc.perform(get("/api/orders/13"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/order-not-found"));
    }
}
