package dev.firstcome.backend.redemption;

import dev.firstcome.model.CouponPersisted;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records the ISSUED status (with its event's terms) of every persisted coupon, so the expiry job sees
 * coupons nobody has read or redeemed yet. Idempotent: a coupon that has its row keeps it.
 */
@Component
class IssuedCouponListener {

    static final String ID = "firstcome-redemption";

    private final RedemptionService redemption;

    IssuedCouponListener(RedemptionService redemption) {
        this.redemption = redemption;
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.notificationsTopic()}",
            groupId = "#{@firstComeNames.redemptionGroup()}",
            containerFactory = RedemptionKafkaConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onCoupons(List<CouponPersisted> coupons) {
        redemption.recordIssued(coupons);
    }
}
