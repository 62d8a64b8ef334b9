package dev.firstcome.backend.redemption;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.issuance.IssuedCoupon;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.RedemptionTimeline;
import dev.firstcome.model.UserCouponView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class RedemptionService implements RedemptionApi {

    private static final Logger log = LoggerFactory.getLogger(RedemptionService.class);

    static final String SYSTEM = "system";
    private static final int LOCK_ATTEMPTS = 5;

    private final CouponStateRepository states;
    private final IssuanceApi issuance;
    private final EventApi events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final FirstComeProperties.Redemption settings;
    private final RedemptionLedger ledger;

    RedemptionService(
            CouponStateRepository states,
            IssuanceApi issuance,
            EventApi events,
            Clock clock,
            TransactionTemplate tx,
            FirstComeProperties properties,
            RedemptionLedger ledger) {
        this.ledger = ledger;
        this.states = states;
        this.issuance = issuance;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
        this.settings = properties.redemption();
    }

    @Override
    public RedemptionResult redeem(
            long couponId, String userId, String orderId, long orderAmount, String idempotencyKey, String actor) {
        RedemptionRules.requireRedeemRequest(orderId, orderAmount, idempotencyKey);
        IssuedCoupon coupon = owned(couponId, userId);
        RedemptionRecord answer = onLockedRow(coupon, s -> {
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
            RedemptionRecord decided = RedemptionRules.decide(s, orderId, orderAmount, now);
            if (RedemptionResultCodes.REDEEMED.equals(decided.outcome()) && s.status() != CouponStatus.REDEEMED) {
                String redemptionId = "c" + couponId + "-r" + (s.redemptions() + 1);
                Long cost = s.vendorId() == null ? null : ledger.vendorCost(s.vendorId());
                states.redeem(couponId, orderId, orderAmount, decided.discount(), redemptionId, cost, now);
                states.transition(couponId, s.status(), CouponStatus.REDEEMED, actor, now, orderId);
                if (cost != null) {
                    ledger.credit(redemptionId, s, cost, orderId, now);
                }
            }
            states.saveRequest(couponId, idempotencyKey, decided, now);
            return decided;
        });
        if (!RedemptionResultCodes.REDEEMED.equals(answer.outcome())) {
            throw new RedemptionRefusedException(couponId, answer.outcome(), answer.detail());
        }
        return new RedemptionResult(
                couponId, orderId, orderAmount, answer.discount(), CouponStatus.REDEEMED, answer.redeemedAt());
    }

    @Override
    public UserCouponView release(long couponId, String userId, String orderId, String actor) {
        RedemptionRules.requireOrderId(orderId);
        IssuedCoupon coupon = owned(couponId, userId);
        onLockedRow(coupon, s -> {
            if (s.status() == CouponStatus.REDEEMED && orderId.equals(s.orderId())) {
                Instant now = now();
                CouponStatus to = s.expiredAt(now) ? CouponStatus.EXPIRED : CouponStatus.ISSUED;
                states.release(couponId, to, now);
                states.transition(couponId, CouponStatus.REDEEMED, to, actor, now, orderId);
                if (s.vendorCost() != null) {
                    ledger.reversal(s, orderId, now);
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
        });
        return coupon(couponId, userId);
    }

    @Override
    public List<UserCouponView> couponsOf(String userId) {
        UserIds.require(userId);
        Instant now = now();
        return issuance.issuedCouponsOf(userId).stream()
                .map(c -> view(c, state(c), now))
                .toList();
    }

    @Override
    public UserCouponView coupon(long couponId, String userId) {
        IssuedCoupon c = owned(couponId, userId);
        return view(c, state(c), now());
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
     * The status row of a coupon as it is, read without a lock. The transaction that inserts a coupon writes its
     * row ({@link IssuedStatusWriter}) and a start-up backfill writes the rows of older coupons; a coupon still
     * without one is answered as its first row would read (ISSUED, with its event's terms as they are now),
     * without writing it.
     */
    private CouponState state(IssuedCoupon c) {
        return states.find(c.couponId())
                .orElseGet(() -> IssuedTerms.issued(c, events.find(c.eventId()).orElse(null)));
    }

    /**
     * Runs the work in one transaction on the coupon's locked status row, again when the database broke a lock
     * wait. A coupon without a row (persisted before the rows were written with it, not yet backfilled) gets
     * it first, in a transaction of its own before any lock is taken: concurrent first writers of one row never
     * deadlock a redeem.
     */
    private <T> T onLockedRow(IssuedCoupon c, Function<CouponState, T> work) {
        long couponId = c.couponId();
        Optional<Done<T>> done =
                locked(() -> tx.execute(status -> states.lock(couponId).map(s -> new Done<>(work.apply(s)))));
        if (done != null && done.isPresent()) {
            return done.get().value();
        }
        CouponState fresh = IssuedTerms.issued(c, events.find(c.eventId()).orElse(null));
        Instant now = now();
        // its first transition (to ISSUED) is derived from the row, not stored (CouponStateRepository#history)
        locked(() -> tx.execute(status -> states.insertIfAbsent(fresh, now)));
        return locked(() -> tx.execute(
                status -> work.apply(states.lock(couponId).orElseThrow(() -> new CouponNotFoundException(couponId)))));
    }

    /** The result of work on a locked row (which may be null). */
    private record Done<T>(T value) {}

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

    /** Runs a transaction again when the database broke a lock wait or a deadlock (nothing was written). */
    private <T> T locked(Supplier<T> work) {
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
