package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * An event as operators see it. {@code dailyQuantity} is null when there is no daily limit;
 * {@code dailyOpenTime}/{@code dailyCloseTime} are null for "the whole day". {@code lab} marks
 * rehearsal events of the rush simulator and strategy lab. {@code benefit}, {@code validity} and
 * {@code vendorId} are the terms of the event's coupons (null: none); {@code waitingRoom} the waiting room.
 */
public record EventView(
        long id,
        String name,
        int totalQuantity,
        Integer dailyQuantity,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        Instant startsAt,
        Instant endsAt,
        String zoneId,
        EventStatus status,
        boolean lab,
        String strategy,
        Instant createdAt,
        Instant updatedAt,
        CouponBenefit benefit,
        CouponValidity validity,
        Long vendorId,
        WaitingRoom waitingRoom) {

    /** An event without coupon terms and without a waiting room. */
    public EventView(
            long id,
            String name,
            int totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            EventStatus status,
            boolean lab,
            String strategy,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                status,
                lab,
                strategy,
                createdAt,
                updatedAt,
                null,
                null,
                null,
                WaitingRoom.OFF);
    }

    /** An event with coupon terms, without a waiting room. */
    public EventView(
            long id,
            String name,
            int totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            EventStatus status,
            boolean lab,
            String strategy,
            Instant createdAt,
            Instant updatedAt,
            CouponBenefit benefit,
            CouponValidity validity,
            Long vendorId) {
        this(
                id,
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                status,
                lab,
                strategy,
                createdAt,
                updatedAt,
                benefit,
                validity,
                vendorId,
                WaitingRoom.OFF);
    }

    /** An event with a waiting room, without coupon terms. */
    public EventView(
            long id,
            String name,
            int totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            EventStatus status,
            boolean lab,
            String strategy,
            Instant createdAt,
            Instant updatedAt,
            WaitingRoom waitingRoom) {
        this(
                id,
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                status,
                lab,
                strategy,
                createdAt,
                updatedAt,
                null,
                null,
                null,
                waitingRoom);
    }

    /** The same event with other coupon terms. */
    public EventView withTerms(CouponBenefit benefit, CouponValidity validity, Long vendorId) {
        return new EventView(
                id,
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                status,
                lab,
                strategy,
                createdAt,
                updatedAt,
                benefit,
                validity,
                vendorId,
                waitingRoom);
    }

    /** The waiting room (never null: {@link WaitingRoom#OFF} when there is none). */
    public WaitingRoom room() {
        return waitingRoom == null ? WaitingRoom.OFF : waitingRoom;
    }
}
