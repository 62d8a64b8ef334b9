package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionTimeline;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' reads of an event's coupons after the win (VIEWER: every GET of the admin API). */
@RestController
@RequestMapping("/api/admin/events/{eventId}/coupons")
class RedemptionAdminController {

    private final RedemptionApi redemption;

    RedemptionAdminController(RedemptionApi redemption) {
        this.redemption = redemption;
    }

    /** The event's coupons per status: {@code {"ISSUED":..,"REDEEMED":..,"EXPIRED":..}}. */
    @GetMapping("/funnel")
    Map<CouponStatus, Long> funnel(@PathVariable long eventId) {
        return redemption.funnel(eventId);
    }

    /** Redeemed, released and expired per bucket; {@code bucket} an ISO-8601 duration (PT1M, PT1H, P1D). */
    @GetMapping("/timeline")
    RedemptionTimeline timeline(@PathVariable long eventId, @RequestParam(required = false) String bucket) {
        return redemption.timeline(eventId, bucket(bucket));
    }

    private static Duration bucket(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "bucket", "bucket must be an ISO-8601 duration such as PT1M, PT1H or P1D");
        }
    }
}
