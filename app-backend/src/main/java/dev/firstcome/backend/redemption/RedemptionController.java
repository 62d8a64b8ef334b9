package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.UserCouponView;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's coupons: list, redeem for an order, release from a cancelled order. The customer is
 * identified as for the apply ({@link CustomerIdentity}: the bearer JWT when customer identity is on, else
 * the {@code userId} given).
 */
@RestController
class RedemptionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RedemptionApi redemption;
    private final CustomerIdentity identity;

    RedemptionController(RedemptionApi redemption, CustomerIdentity identity) {
        this.redemption = redemption;
        this.identity = identity;
    }

    @GetMapping("/api/users/{userId}/coupons")
    List<UserCouponView> coupons(@PathVariable String userId) {
        return redemption.couponsOf(userId);
    }

    @PostMapping(path = "/api/coupons/{couponId}/redeem", consumes = MediaType.APPLICATION_JSON_VALUE)
    RedemptionResult redeem(
            @PathVariable long couponId,
            @RequestBody(required = false) RedeemRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (request == null) {
            throw new InvalidRequestException("body", "a body with orderId and orderAmount is required");
        }
        String userId = identity.userId(authorization, request.userId());
        if (request.orderAmount() == null) {
            throw new InvalidRequestException("orderAmount", "orderAmount is required (minor units, e.g. cents)");
        }
        return redemption.redeem(couponId, userId, request.orderId(), request.orderAmount(), key, "user:" + userId);
    }

    @PostMapping(path = "/api/coupons/{couponId}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserCouponView release(
            @PathVariable long couponId,
            @RequestBody(required = false) ReleaseRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (request == null) {
            throw new InvalidRequestException("body", "a body with orderId is required");
        }
        String userId = identity.userId(authorization, request.userId());
        return redemption.release(couponId, userId, request.orderId(), "user:" + userId);
    }

    /** {@code userId}: the customer (optional with a customer token); amounts in minor units. */
    record RedeemRequest(String userId, String orderId, Long orderAmount) {}

    record ReleaseRequest(String userId, String orderId) {}
}
