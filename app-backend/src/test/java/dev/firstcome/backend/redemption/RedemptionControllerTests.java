package dev.firstcome.backend.redemption;

import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.UserCouponView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the customer's coupons: public with customer identity off, the customer named in the body. */
@WebMvcTest(RedemptionController.class)
@Import(SliceSecurity.class)
class RedemptionControllerTests {

    static final String REDEEM = "{\"userId\":\"alice\",\"orderId\":\"o-1\",\"orderAmount\":2000}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RedemptionApi redemption;

    static UserCouponView coupon(CouponStatus status, String orderId) {
        return new UserCouponView(
                9,
                4,
                "alice",
                1,
                SliceSecurity.NOW,
                SliceSecurity.NOW,
                status,
                CouponBenefit.fixed(500, 1000),
                SliceSecurity.NOW.plusSeconds(86_400),
                null,
                orderId,
                List.of());
    }

    @Test
    void aCustomersCouponsAreListed() throws Exception {
        given(redemption.couponsOf("alice")).willReturn(List.of(coupon(CouponStatus.ISSUED, null)));

        mvc.perform(get("/api/users/alice/coupons"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].couponId").value(9))
                .andExpect(jsonPath("$[0].eventId").value(4))
                .andExpect(jsonPath("$[0].status").value("ISSUED"))
                .andExpect(jsonPath("$[0].expiresAt").value("2030-01-02T00:00:00Z"));
    }

    @Test
    void redeemPassesTheOrderKeyAndActor() throws Exception {
        given(redemption.redeem(9L, "alice", "o-1", 2000L, "key-1", "user:alice"))
                .willReturn(new RedemptionResult(9, "o-1", 2000, 500, CouponStatus.REDEEMED, SliceSecurity.NOW));

        mvc.perform(post("/api/coupons/9/redeem")
                        .header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REDEEM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.couponId").value(9))
                .andExpect(jsonPath("$.orderId").value("o-1"))
                .andExpect(jsonPath("$.discount").value(500))
                .andExpect(jsonPath("$.status").value("REDEEMED"))
                .andExpect(jsonPath("$.redeemedAt").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void releaseAnswersTheCoupon() throws Exception {
        given(redemption.release(9L, "alice", "o-1", "user:alice")).willReturn(coupon(CouponStatus.ISSUED, null));

        mvc.perform(post("/api/coupons/9/release")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice\",\"orderId\":\"o-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.couponId").value(9))
                .andExpect(jsonPath("$.status").value("ISSUED"));
    }

    @Test
    void aRedeemWithoutAmountIs400ProblemNamingItAndReachesNothing() throws Exception {
        mvc.perform(post("/api/coupons/9/redeem")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice\",\"orderId\":\"o-1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("orderAmount"));
        mvc.perform(post("/api/coupons/9/release").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"));
        mvc.perform(post("/api/coupons/+9/redeem")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REDEEM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("couponId"));
        verifyNoInteractions(redemption);
    }

    @Test
    void aRefusedRedemptionIs409WithItsReason() throws Exception {
        given(redemption.redeem(9L, "alice", "o-1", 2000L, null, "user:alice"))
                .willThrow(new RedemptionRefusedException(9, "expired", "coupon 9 expired"));

        mvc.perform(post("/api/coupons/9/redeem")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REDEEM))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("expired"))
                .andExpect(jsonPath("$.couponId").value(9))
                .andExpect(jsonPath("$.detail").value("coupon 9 expired"));
    }

    @Test
    void aReusedKeyIs422NamingItAndAnUnknownCouponIs404() throws Exception {
        given(redemption.redeem(9L, "alice", "o-1", 2000L, "key-1", "user:alice"))
                .willThrow(new IdempotencyKeyReusedException("key-1 was used for another request"));
        given(redemption.release(8L, "alice", "o-1", "user:alice")).willThrow(new CouponNotFoundException(8));

        mvc.perform(post("/api/coupons/9/redeem")
                        .header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REDEEM))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        mvc.perform(post("/api/coupons/8/release")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice\",\"orderId\":\"o-1\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/coupon-not-found"));
    }

    @Test
    void onlyRedeemAndReleaseAreOpenOnACoupon() throws Exception {
        mvc.perform(post("/api/coupons/9/expire")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/coupons/9/expire").with(viewer())).andExpect(status().isForbidden());
        verifyNoInteractions(redemption);
    }
}
