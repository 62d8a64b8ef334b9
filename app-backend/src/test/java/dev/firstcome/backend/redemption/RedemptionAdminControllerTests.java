package dev.firstcome.backend.redemption;

import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionBucket;
import dev.firstcome.model.RedemptionTimeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the operators' reads of an event's coupons after the win (VIEWER). */
@WebMvcTest(RedemptionAdminController.class)
@Import(SliceSecurity.class)
class RedemptionAdminControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RedemptionApi redemption;

    @Test
    void theFunnelCountsCouponsPerStatus() throws Exception {
        given(redemption.funnel(4L))
                .willReturn(Map.of(CouponStatus.ISSUED, 7L, CouponStatus.REDEEMED, 2L, CouponStatus.EXPIRED, 1L));

        mvc.perform(get("/api/admin/events/4/coupons/funnel").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ISSUED").value(7))
                .andExpect(jsonPath("$.REDEEMED").value(2))
                .andExpect(jsonPath("$.EXPIRED").value(1));
    }

    @Test
    void theTimelinePassesItsBucket() throws Exception {
        given(redemption.timeline(4L, Duration.ofHours(1)))
                .willReturn(new RedemptionTimeline(
                        4,
                        3600,
                        SliceSecurity.NOW,
                        SliceSecurity.NOW.plusSeconds(3600),
                        List.of(new RedemptionBucket(SliceSecurity.NOW, 3, 1, 0))));

        mvc.perform(get("/api/admin/events/4/coupons/timeline")
                        .param("bucket", "PT1H")
                        .with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(4))
                .andExpect(jsonPath("$.bucketSeconds").value(3600))
                .andExpect(jsonPath("$.buckets[0].start").value("2030-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.buckets[0].redeemed").value(3))
                .andExpect(jsonPath("$.buckets[0].released").value(1));
    }

    @Test
    void aBucketThatIsNotADurationIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/events/4/coupons/timeline")
                        .param("bucket", "hourly")
                        .with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("bucket"));
        verifyNoInteractions(redemption);
    }

    @Test
    void tooManyBucketsRefusedByTheFacadeAre400NamingBucket() throws Exception {
        given(redemption.timeline(4L, Duration.ofSeconds(1)))
                .willThrow(new InvalidRequestException("bucket", "at most 2000 buckets"));

        mvc.perform(get("/api/admin/events/4/coupons/timeline")
                        .param("bucket", "PT1S")
                        .with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("bucket"))
                .andExpect(jsonPath("$.detail").value("at most 2000 buckets"));
    }

    @Test
    void anonymousIs401Problem() throws Exception {
        mvc.perform(get("/api/admin/events/4/coupons/funnel"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(redemption);
    }
}
