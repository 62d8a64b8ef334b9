package dev.firstcome.backend.order;

import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.FailedOrderView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the operators' reads of failed orders (VIEWER). */
@WebMvcTest(OrderAdminController.class)
@Import(SliceSecurity.class)
class OrderAdminControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderAdminApi orders;

    @Test
    void failedOrdersDefaultToTheLastFifty() throws Exception {
        given(orders.failed(50))
                .willReturn(List.of(new FailedOrderView(
                        12, "alice", 9L, 2000L, "payment-declined", SliceSecurity.NOW, SliceSecurity.NOW)));

        mvc.perform(get("/api/admin/orders/failed").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].orderId").value(12))
                .andExpect(jsonPath("$[0].reason").value("payment-declined"))
                .andExpect(jsonPath("$[0].failedAt").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void failuresAreCountedPerCause() throws Exception {
        given(orders.failureCauses()).willReturn(Map.of("payment-declined", 4L, "out-of-stock", 1L));

        mvc.perform(get("/api/admin/orders/failures").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$['payment-declined']").value(4))
                .andExpect(jsonPath("$['out-of-stock']").value(1));
    }

    @Test
    void aLimitThatIsNotANumberIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/orders/failed").param("limit", "many").with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("limit"));
        verifyNoInteractions(orders);
    }

    @Test
    void aLimitTheFacadeRefusesIs400ProblemNamingIt() throws Exception {
        given(orders.failed(501)).willThrow(new InvalidRequestException("limit", "limit must be between 1 and 500"));

        mvc.perform(get("/api/admin/orders/failed").param("limit", "501").with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("limit"))
                .andExpect(jsonPath("$.detail").value("limit must be between 1 and 500"));
    }

    @Test
    void anonymousIs401Problem() throws Exception {
        mvc.perform(get("/api/admin/orders/failed"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/admin/orders/failures")).andExpect(status().isUnauthorized());
        verifyNoInteractions(orders);
    }
}
