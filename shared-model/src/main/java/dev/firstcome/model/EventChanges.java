package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * A partial edit: every null field is left as it is. {@code clearDailyQuantity} removes the daily
 * limit; {@code clearDailyWindow} resets the daily open and close times to the whole day. {@code benefit}
 * and {@code validity} replace the coupon terms of coupons issued from now on; {@code clearVendor} removes
 * the funding vendor. {@code waitingRoom} replaces the waiting room's given fields.
 */
public record EventChanges(
        String name,
        Integer totalQuantity,
        Integer dailyQuantity,
        Boolean clearDailyQuantity,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        Boolean clearDailyWindow,
        Instant startsAt,
        Instant endsAt,
        CouponBenefit benefit,
        CouponValidity validity,
        Long vendorId,
        Boolean clearVendor,
        WaitingRoom waitingRoom) {

    /** A change without coupon terms that leaves the waiting room as it is. */
    public EventChanges(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            Boolean clearDailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Boolean clearDailyWindow,
            Instant startsAt,
            Instant endsAt) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                clearDailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                clearDailyWindow,
                startsAt,
                endsAt,
                null,
                null,
                null,
                null,
                null);
    }

    /** A change with coupon terms that leaves the waiting room as it is. */
    public EventChanges(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            Boolean clearDailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Boolean clearDailyWindow,
            Instant startsAt,
            Instant endsAt,
            CouponBenefit benefit,
            CouponValidity validity,
            Long vendorId,
            Boolean clearVendor) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                clearDailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                clearDailyWindow,
                startsAt,
                endsAt,
                benefit,
                validity,
                vendorId,
                clearVendor,
                null);
    }

    /** A change of the waiting room (and the other given fields) without coupon terms. */
    public EventChanges(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            Boolean clearDailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Boolean clearDailyWindow,
            Instant startsAt,
            Instant endsAt,
            WaitingRoom waitingRoom) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                clearDailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                clearDailyWindow,
                startsAt,
                endsAt,
                null,
                null,
                null,
                null,
                waitingRoom);
    }

    /** Only the waiting room's given fields. */
    public static EventChanges waitingRoom(WaitingRoom waitingRoom) {
        return new EventChanges(null, null, null, null, null, null, null, null, null, waitingRoom);
    }

    public static EventChanges limits(Integer totalQuantity, Integer dailyQuantity) {
        return new EventChanges(null, totalQuantity, dailyQuantity, null, null, null, null, null, null);
    }
}
