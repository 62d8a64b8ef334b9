package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * A new event. Nullable fields are optional: {@code dailyQuantity} (no daily limit), open and close
 * times (whole day), {@code zoneId} (the server's zone), {@code strategy} (lab events only: the
 * admission strategy of the strategy lab; null or {@code lua} is the production script). Coupon terms
 * (optional): {@code benefit}, {@code validity} and the funding {@code vendorId}. {@code waitingRoom}
 * (optional): the waiting room in front of the apply path.
 */
public record EventDraft(
        String name,
        Integer totalQuantity,
        Integer dailyQuantity,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        Instant startsAt,
        Instant endsAt,
        String zoneId,
        Boolean lab,
        String strategy,
        CouponBenefit benefit,
        CouponValidity validity,
        Long vendorId,
        WaitingRoom waitingRoom) {

    /** A draft without coupon terms (no benefit, no validity, no vendor) and without a waiting room. */
    public EventDraft(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            Boolean lab,
            String strategy) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                lab,
                strategy,
                null,
                null,
                null,
                null);
    }

    /** A draft with coupon terms, without a waiting room. */
    public EventDraft(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            Boolean lab,
            String strategy,
            CouponBenefit benefit,
            CouponValidity validity,
            Long vendorId) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                lab,
                strategy,
                benefit,
                validity,
                vendorId,
                null);
    }

    /** A draft with a waiting room, without coupon terms. */
    public EventDraft(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            Boolean lab,
            String strategy,
            WaitingRoom waitingRoom) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                lab,
                strategy,
                null,
                null,
                null,
                waitingRoom);
    }

    /** A production event (not a lab event) with the production admission script. */
    public static EventDraft of(
            String name, int totalQuantity, Integer dailyQuantity, Instant startsAt, Instant endsAt, String zoneId) {
        return new EventDraft(name, totalQuantity, dailyQuantity, null, null, startsAt, endsAt, zoneId, false, null);
    }

    /** Whether this is a lab (rehearsal) event; absent means no. */
    public boolean isLab() {
        return Boolean.TRUE.equals(lab);
    }
}
