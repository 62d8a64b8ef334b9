package dev.firstcome.backend.event;

import dev.firstcome.model.BenefitType;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

@Entity
@Table(name = "coupon_event")
class EventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "total_quantity", nullable = false)
    private int totalQuantity;

    @Column(name = "daily_quantity")
    private Integer dailyQuantity;

    @Column(name = "daily_open_time")
    private LocalTime dailyOpenTime;

    @Column(name = "daily_close_time")
    private LocalTime dailyCloseTime;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "zone_id", nullable = false, length = 64)
    private String zoneId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private EventStatus status;

    @Column(nullable = false)
    private boolean lab;

    @Column(nullable = false, length = 32)
    private String strategy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * Raised by every committed change, under the row lock; the event's Redis meta hash carries the
     * version it was written under and never accepts an older one. Chosen by {@link EventService} and {@link EventMetaSync} (not
     * JPA's {@code @Version}, which only adds one): it may skip numbers an uncertain write used.
     */
    @Column(nullable = false)
    private long version;

    // coupon terms (issue 16): all null for an event whose coupons carry none
    @Column(name = "benefit_type", length = 16)
    private String benefitType;

    @Column(name = "benefit_amount_off")
    private Long benefitAmountOff;

    @Column(name = "benefit_percent")
    private Integer benefitPercent;

    @Column(name = "benefit_max")
    private Long benefitMax;

    @Column(name = "benefit_min_order")
    private Long benefitMinOrder;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column(name = "valid_days")
    private Integer validDays;

    @Column(name = "vendor_id")
    private Long vendorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "waiting_room_mode", nullable = false, length = 24)
    private WaitingRoomMode waitingRoomMode = WaitingRoomMode.OFF;

    @Column(name = "prequeue_opens_minutes_before", nullable = false)
    private int prequeueOpensMinutesBefore = WaitingRoom.DEFAULT_PREQUEUE_MINUTES;

    @Column(name = "outflow_per_second", nullable = false)
    private int outflowPerSecond = WaitingRoom.DEFAULT_OUTFLOW_PER_SECOND;

    @Column(name = "entry_token_seconds", nullable = false)
    private int entryTokenSeconds = WaitingRoom.DEFAULT_ENTRY_TOKEN_SECONDS;

    protected EventEntity() {}

    EventEntity(
            String name,
            int totalQuantity,
            Integer dailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Instant startsAt,
            Instant endsAt,
            String zoneId,
            boolean lab,
            String strategy,
            Instant now) {
        this.name = name;
        this.totalQuantity = totalQuantity;
        this.dailyQuantity = dailyQuantity;
        this.dailyOpenTime = dailyOpenTime;
        this.dailyCloseTime = dailyCloseTime;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.zoneId = zoneId;
        this.status = EventStatus.ACTIVE;
        this.lab = lab;
        this.strategy = strategy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    EventView toView() {
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
                benefit(),
                validUntil == null && validDays == null ? null : new CouponValidity(validUntil, validDays),
                vendorId,
                WaitingRoom.of(waitingRoomMode, prequeueOpensMinutesBefore, outflowPerSecond, entryTokenSeconds));
    }

    private CouponBenefit benefit() {
        return benefitType == null
                ? null
                : new CouponBenefit(
                        BenefitType.valueOf(benefitType),
                        benefitAmountOff,
                        benefitPercent,
                        benefitMax,
                        benefitMinOrder);
    }

    /** Sets the coupon terms (already validated). */
    void terms(CouponBenefit benefit, CouponValidity validity, Long vendorId) {
        this.benefitType = benefit == null ? null : benefit.type().name();
        this.benefitAmountOff = benefit == null ? null : benefit.amountOff();
        this.benefitPercent = benefit == null ? null : benefit.percentOff();
        this.benefitMax = benefit == null ? null : benefit.maxDiscount();
        this.benefitMinOrder = benefit == null ? null : benefit.minOrderAmount();
        this.validUntil = validity == null ? null : validity.until();
        this.validDays = validity == null ? null : validity.daysAfterIssue();
        this.vendorId = vendorId;
    }

    /** Takes the (already validated, complete) waiting room of a view. */
    void applyWaitingRoom(WaitingRoom room) {
        this.waitingRoomMode = room.mode();
        this.prequeueOpensMinutesBefore = room.prequeueOpensMinutesBefore();
        this.outflowPerSecond = room.outflowPerSecond();
        this.entryTokenSeconds = room.entryTokenSeconds();
    }

    /** Copies the (already validated) values of a view into this entity under a new version. */
    void apply(EventView v, Instant now, long version) {
        this.version = version;
        this.name = v.name();
        this.totalQuantity = v.totalQuantity();
        this.dailyQuantity = v.dailyQuantity();
        this.dailyOpenTime = v.dailyOpenTime();
        this.dailyCloseTime = v.dailyCloseTime();
        this.startsAt = v.startsAt();
        this.endsAt = v.endsAt();
        this.status = v.status();
        this.updatedAt = now;
        terms(v.benefit(), v.validity(), v.vendorId());
        applyWaitingRoom(v.room());
    }

    Long id() {
        return id;
    }

    long version() {
        return version;
    }

    /** Takes a later version without changing anything else (the Redis meta hash already held this one). */
    void moveTo(long version) {
        this.version = version;
    }
}
