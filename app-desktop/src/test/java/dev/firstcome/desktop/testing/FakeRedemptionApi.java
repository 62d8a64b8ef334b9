package dev.firstcome.desktop.testing;

import dev.firstcome.backend.redemption.RedemptionApi;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.RedemptionTimeline;
import dev.firstcome.model.UserCouponView;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event's funnel and timeline as the test sets them; records the operators' reads. */
public final class FakeRedemptionApi implements RedemptionApi {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, Map<CouponStatus, Long>> funnels = new ConcurrentHashMap<>();
    private final Map<Long, RedemptionTimeline> timelines = new ConcurrentHashMap<>();

    public void setFunnel(long eventId, long issued, long redeemed, long expired) {
        Map<CouponStatus, Long> counts = new EnumMap<>(CouponStatus.class);
        counts.put(CouponStatus.ISSUED, issued);
        counts.put(CouponStatus.REDEEMED, redeemed);
        counts.put(CouponStatus.EXPIRED, expired);
        funnels.put(eventId, counts);
    }

    public void setTimeline(RedemptionTimeline timeline) {
        timelines.put(timeline.eventId(), timeline);
    }

    @Override
    public Map<CouponStatus, Long> funnel(long eventId) {
        calls.add("funnel " + eventId);
        Map<CouponStatus, Long> counts = funnels.get(eventId);
        if (counts != null) {
            return counts;
        }
        Map<CouponStatus, Long> none = new EnumMap<>(CouponStatus.class);
        for (CouponStatus s : CouponStatus.values()) {
            none.put(s, 0L);
        }
        return none;
    }

    @Override
    public RedemptionTimeline timeline(long eventId, Duration bucket) {
        calls.add("timeline " + eventId + " " + bucket);
        RedemptionTimeline set = timelines.get(eventId);
        return set != null ? set : new RedemptionTimeline(eventId, 10, null, null, List.of());
    }

    @Override
    public RedemptionResult redeem(
            long couponId, String userId, String orderId, long orderAmount, String idempotencyKey, String actor) {
        throw new UnsupportedOperationException("customers redeem, not the console");
    }

    @Override
    public UserCouponView release(long couponId, String userId, String orderId, String actor) {
        throw new UnsupportedOperationException("orders release, not the console");
    }

    @Override
    public List<UserCouponView> couponsOf(String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public UserCouponView coupon(long couponId, String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int expireDue() {
        throw new UnsupportedOperationException();
    }
}
