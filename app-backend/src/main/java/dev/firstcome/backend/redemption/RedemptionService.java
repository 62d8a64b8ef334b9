package dev.firstcome.backend.redemption;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.issuance.IssuedCoupon;
import dev.firstcome.backend.vendor.LedgerEntry;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.RedemptionTimeline;
import dev.firstcome.model.UserCouponView;
import dev.firstcome.model.VendorView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class RedemptionService implements RedemptionApi {

    private static final Logger log = LoggerFactory.getLogger(RedemptionService.class);

    static final String SYSTEM = "system";
    static final long MAX_ORDER_AMOUNT = 10_000_000_000L;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:@+-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final int LOCK_ATTEMPTS = 5;

    private final CouponStateRepository states;
    private final IssuanceApi issuance;
    private final EventApi events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final FirstComeProperties.Redemption settings;
    private final VendorApi vendors;

    /** This server's ledger topic: each entry carries it (see {@link VendorLedgerEntry}). */
    private final String ledgerTopic;

    RedemptionService(
            CouponStateRepository states,
            IssuanceApi issuance,
            EventApi events,
            Clock clock,
            TransactionTemplate tx,
            ApplicationEventPublisher publisher,
            FirstComeProperties properties,
            VendorApi vendors,
            FirstComeNames names) {
        this.ledgerTopic = names.ledgerTopic();
        this.vendors = vendors;
        this.states = states;
        this.issuance = issuance;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
        this.publisher = publisher;
        this.settings = properties.redemption();
    }

    /**
     * The entry, in the redemption's transaction: into the event publication registry (sent to Kafka after the
     * commit), or with the synchronous settlement booked into the vendor's ledger directly.
     */
    private void ledger(VendorLedgerEntry e) {
        if (settings.settlement() == FirstComeProperties.Redemption.Settlement.SYNC) {
            vendors.book(new LedgerEntry(
                    e.redemptionId(),
                    e.kind(),
                    e.couponId(),
                    e.eventId(),
                    e.vendorId(),
                    e.amount(),
                    e.orderId(),
                    e.at()));
        } else {
            publisher.publishEvent(e);
        }
    }

    @Override
    public RedemptionResult redeem(
            long couponId, String userId, String orderId, long orderAmount, String idempotencyKey, String actor) {
        requireOrderId(orderId);
        if (orderAmount < 0 || orderAmount > MAX_ORDER_AMOUNT) {
            throw new InvalidRequestException(
                    "orderAmount",
                    "orderAmount must be between 0 and " + MAX_ORDER_AMOUNT + " (minor units), got " + orderAmount);
        }
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(
                    "Idempotency-Key", "an Idempotency-Key header of 1 to 128 printable ASCII characters is required");
        }
        CouponState known = ensure(owned(couponId, userId));
        if (known == null) {
            throw new CouponNotFoundException(couponId);
        }
        RedemptionRecord answer = locked(() -> tx.execute(status -> {
            CouponState s = states.lock(couponId).orElseThrow(() -> new CouponNotFoundException(couponId));
            var prior = states.findRequest(couponId, idempotencyKey);
            if (prior.isPresent()) {
                RedemptionRecord p = prior.get();
                if (!p.orderId().equals(orderId) || p.orderAmount() != orderAmount) {
                    throw new IdempotencyKeyReusedException("Idempotency-Key '" + idempotencyKey
                            + "' was already used for another request on this coupon (order " + p.orderId()
                            + ", amount " + p.orderAmount() + "); use a new key for a new request");
                }
                return p;
            }
            Instant now = now();
            RedemptionRecord decided = decide(s, orderId, orderAmount, now);
            if (RedemptionResultCodes.REDEEMED.equals(decided.outcome()) && s.status() != CouponStatus.REDEEMED) {
                String redemptionId = "c" + couponId + "-r" + (s.redemptions() + 1);
                Long cost = s.vendorId() == null ? null : vendorCost(s.vendorId());
                states.redeem(couponId, orderId, orderAmount, decided.discount(), redemptionId, cost, now);
                states.transition(couponId, s.status(), CouponStatus.REDEEMED, actor, now, orderId);
                if (cost != null) {
                    ledger(new VendorLedgerEntry(
                            redemptionId,
                            VendorLedgerEntry.CREDIT,
                            couponId,
                            s.eventId(),
                            s.vendorId(),
                            cost,
                            orderId,
                            now,
                            ledgerTopic));
                }
            }
            states.saveRequest(couponId, idempotencyKey, decided, now);
            return decided;
        }));
        if (!RedemptionResultCodes.REDEEMED.equals(answer.outcome())) {
            throw new RedemptionRefusedException(couponId, answer.outcome(), answer.detail());
        }
        return new RedemptionResult(
                couponId, orderId, orderAmount, answer.discount(), CouponStatus.REDEEMED, answer.redeemedAt());
    }

    /** The answer for a locked coupon: a discount, or a refusal with its reason. */
    private static RedemptionRecord decide(CouponState s, String orderId, long orderAmount, Instant now) {
        if (s.status() == CouponStatus.REDEEMED) {
            if (orderId.equals(s.orderId()) && orderAmount == s.orderAmount()) {
                return new RedemptionRecord(
                        orderId, orderAmount, RedemptionResultCodes.REDEEMED, s.discount(), s.redeemedAt(), null);
            }
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.ALREADY_REDEEMED,
                    "Coupon " + s.couponId() + " is already redeemed by another order");
        }
        if (s.status() == CouponStatus.EXPIRED || s.expiredAt(now)) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.EXPIRED,
                    "Coupon " + s.couponId() + " expired at " + s.expiresAt());
        }
        CouponBenefit benefit = s.benefit();
        if (benefit == null) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.NOT_REDEEMABLE,
                    "Coupon " + s.couponId() + " carries no benefit (its event defines none)");
        }
        if (orderAmount < benefit.minimum()) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.BELOW_MINIMUM,
                    "The order amount " + orderAmount + " is below the coupon's minimum order amount "
                            + benefit.minimum());
        }
        return new RedemptionRecord(
                orderId, orderAmount, RedemptionResultCodes.REDEEMED, benefit.discountOn(orderAmount), now, null);
    }

    private static RedemptionRecord refused(String orderId, long orderAmount, String reason, String detail) {
        return new RedemptionRecord(orderId, orderAmount, reason, null, null, detail);
    }

    @Override
    public UserCouponView release(long couponId, String userId, String orderId, String actor) {
        requireOrderId(orderId);
        if (ensure(owned(couponId, userId)) == null) {
            throw new CouponNotFoundException(couponId);
        }
        locked(() -> tx.execute(status -> {
            CouponState s = states.lock(couponId).orElseThrow(() -> new CouponNotFoundException(couponId));
            if (s.status() == CouponStatus.REDEEMED && orderId.equals(s.orderId())) {
                Instant now = now();
                CouponStatus to = s.expiredAt(now) ? CouponStatus.EXPIRED : CouponStatus.ISSUED;
                states.release(couponId, to, now);
                states.transition(couponId, CouponStatus.REDEEMED, to, actor, now, orderId);
                if (s.vendorCost() != null) {
                    ledger(new VendorLedgerEntry(
                            s.redemptionId(),
                            VendorLedgerEntry.REVERSAL,
                            couponId,
                            s.eventId(),
                            s.vendorId(),
                            -s.vendorCost(),
                            orderId,
                            now,
                            ledgerTopic));
                }
                return null;
            }
            if (states.releasedBy(couponId, orderId) && !(s.status() == CouponStatus.REDEEMED)) {
                return null; // released before: the same answer again
            }
            throw new RedemptionRefusedException(
                    couponId,
                    RedemptionRefusedException.NOT_REDEEMED_BY_ORDER,
                    s.status() == CouponStatus.REDEEMED
                            ? "Coupon " + couponId + " is redeemed by another order; only that order can release it"
                            : "Coupon " + couponId + " is not redeemed by order " + orderId);
        }));
        return coupon(couponId, userId);
    }

    @Override
    public List<UserCouponView> couponsOf(String userId) {
        UserIds.require(userId);
        Instant now = now();
        return issuance.issuedCouponsOf(userId).stream()
                .map(c -> view(c, ensure(c), now))
                .toList();
    }

    @Override
    public UserCouponView coupon(long couponId, String userId) {
        IssuedCoupon c = owned(couponId, userId);
        return view(c, ensure(c), now());
    }

    @Override
    public int expireDue() {
        Instant now = now();
        Integer expired = tx.execute(status -> {
            List<Long> due = states.lockDueForExpiry(now, settings.expiryBatch());
            int n = states.expire(due, now);
            for (Long id : due) {
                states.transition(id, CouponStatus.ISSUED, CouponStatus.EXPIRED, SYSTEM, now, null);
            }
            return n;
        });
        return expired == null ? 0 : expired;
    }

    @Override
    public Map<CouponStatus, Long> funnel(long eventId) {
        return states.countByStatus(eventId);
    }

    @Override
    public RedemptionTimeline timeline(long eventId, Duration bucket) {
        if (bucket != null) {
            TimelineBuckets.requireValid(bucket);
        }
        var first = states.firstIssuedAt(eventId);
        if (first.isEmpty()) {
            Duration shown = bucket == null ? TimelineBuckets.LADDER.getFirst() : bucket;
            return new RedemptionTimeline(eventId, shown.toSeconds(), null, null, List.of());
        }
        Instant from = first.get();
        Instant now = now();
        Instant to = now.isBefore(from) ? from : now;
        if (bucket != null) {
            TimelineBuckets.requireFew(from, to, bucket);
        }
        Duration chosen = bucket == null ? TimelineBuckets.choose(from, to) : bucket;
        var buckets = new TimelineBuckets(from, to, chosen);
        states.changesOf(eventId, buckets::add);
        return new RedemptionTimeline(eventId, chosen.toSeconds(), buckets.start(), buckets.end(), buckets.buckets());
    }

    /**
     * Records the status row of a persisted coupon (ISSUED, with its event's terms as they are now); a
     * coupon that has one keeps it. Its own transaction, before any lock is taken: concurrent first
     * writers of one row never deadlock a redeem.
     */
    CouponState ensure(IssuedCoupon c) {
        var existing = states.find(c.couponId());
        if (existing.isPresent()) {
            return existing.get();
        }
        CouponState fresh = issued(c, events.find(c.eventId()).orElse(null));
        Instant now = now();
        // its first transition (to ISSUED) is derived from the row, not stored (CouponStateRepository#history)
        locked(() -> tx.execute(status -> states.insertIfAbsent(fresh, now)));
        return states.find(c.couponId()).orElse(fresh);
    }

    /** The first status row of a coupon: ISSUED, with its event's terms as they are now (null: unknown event). */
    static CouponState issued(IssuedCoupon c, EventView event) {
        Instant issuedAt = c.admittedAt();
        return new CouponState(
                c.couponId(),
                c.eventId(),
                c.userId(),
                CouponStatus.ISSUED,
                issuedAt,
                event == null ? null : expiresAt(event.validity(), ZoneId.of(event.zoneId()), issuedAt),
                event == null ? null : event.benefit(),
                event == null ? null : event.vendorId(),
                null,
                null,
                null,
                null,
                null,
                0,
                null);
    }

    /** The end of a coupon's validity: the end of the {@code until} day, or N days after issue, in the zone. */
    static Instant expiresAt(CouponValidity validity, ZoneId zone, Instant issuedAt) {
        if (validity == null) {
            return null;
        }
        if (validity.until() != null) {
            return validity.until().plusDays(1).atStartOfDay(zone).toInstant();
        }
        return issuedAt.atZone(zone).plusDays(validity.daysAfterIssue()).toInstant();
    }

    /** What the funding vendor is owed for one redemption now (vendors are never deleted). */
    private long vendorCost(long vendorId) {
        return vendors.find(vendorId)
                .map(VendorView::costPerRedemption)
                .orElseThrow(() -> new IllegalStateException("vendor " + vendorId + " of a coupon does not exist"));
    }

    private IssuedCoupon owned(long couponId, String userId) {
        if (userId == null) {
            throw new InvalidRequestException("userId", "userId is required");
        }
        UserIds.require(userId);
        return issuance.coupon(couponId)
                .filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> new CouponNotFoundException(couponId));
    }

    private UserCouponView view(IssuedCoupon c, CouponState s, Instant now) {
        return new UserCouponView(
                c.couponId(),
                c.eventId(),
                c.userId(),
                c.rank(),
                c.admittedAt(),
                c.persistedAt(),
                s.effectiveStatus(now),
                s.benefit(),
                s.expiresAt(),
                s.vendorId(),
                s.status() == CouponStatus.REDEEMED ? s.orderId() : null,
                states.history(s));
    }

    private static void requireOrderId(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new InvalidRequestException(
                    "orderId", "orderId is required: 1 to 64 characters of A-Z a-z 0-9 . _ : @ + -");
        }
    }

    /** Runs a transaction again when the database broke a lock wait or a deadlock (nothing was written). */
    private <T> T locked(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException e) {
                if (attempt == LOCK_ATTEMPTS) {
                    throw e;
                }
                log.debug("Lock conflict (attempt {}), retrying: {}", attempt, e.getMessage());
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
