package dev.firstcome.backend.redemption;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.issuance.CouponsInserted;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.issuance.IssuedCoupon;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the ISSUED status row (with its event's terms) of every coupon in the transaction that inserts
 * the coupon: a coupon row and its status row commit together or not at all, so
 * the expiry job and the funnel see every persisted coupon from its commit on.
 *
 * <p>It used to be a consumer group of its own on the coupon-persisted topic (a fetch, a read of the coupons
 * and a transaction of its own per batch, behind the issuance commit by its lag). At start it also writes the
 * rows of coupons that have none (persisted while that consumer lagged, before an upgrade), a page of the
 * coupon table at a time, in the background.
 */
@Component
class IssuedStatusWriter {

    private static final Logger log = LoggerFactory.getLogger(IssuedStatusWriter.class);
    private static final int PAGE = 1_000;

    private final CouponStateRepository states;
    private final IssuanceApi issuance;
    private final EventApi events;
    private final Clock clock;
    private final TransactionTemplate tx;

    /**
     * Reads the batch's events: a miss in the event module's cache reads through JPA, which cannot begin its
     * transaction on a thread whose connection the issuance's plain JDBC transaction holds, so every lookup
     * runs on a virtual thread of its own (for a cached event, the cost of starting one).
     */
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    IssuedStatusWriter(
            CouponStateRepository states, IssuanceApi issuance, EventApi events, Clock clock, TransactionTemplate tx) {
        this.states = states;
        this.issuance = issuance;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * Runs in the inserting transaction (synchronously, on its thread and connection): the inserted coupons
     * come with their ids, so the rows are written as one statement (PostgreSQL) or one JDBC batch (MySQL), in
     * coupon id order, with no read. A row that exists is kept. Throwing rolls the coupons back with it.
     */
    @EventListener
    void onCouponsInserted(CouponsInserted inserted) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "coupon status rows are written in the transaction that inserts the coupons");
        }
        // one lookup per event of the batch, an unknown event (no terms: null) included
        Map<Long, EventView> terms = new HashMap<>();
        List<CouponState> fresh = new ArrayList<>(inserted.coupons().size());
        for (IssuedCoupon c : inserted.coupons()) {
            if (!terms.containsKey(c.eventId())) {
                terms.put(c.eventId(), terms(c.eventId()));
            }
            fresh.add(IssuedTerms.issued(c, terms.get(c.eventId())));
        }
        write(fresh);
    }

    /** Writes the rows of coupons that have none, a page at a time, each page in a transaction of its own. */
    @EventListener(ApplicationReadyEvent.class)
    void backfillInBackground() {
        Thread.ofVirtual().name("firstcome-status-backfill").start(() -> {
            try {
                long written = backfill();
                if (written > 0) {
                    log.info("Wrote the ISSUED status rows of {} coupons that had none", written);
                }
            } catch (RuntimeException e) {
                log.warn("Could not write the status rows of coupons that have none: {}", e.getMessage());
            }
        });
    }

    /** Every coupon without a status row gets one; returns how many were written. */
    long backfill() {
        long written = 0;
        long after = 0;
        Map<Long, Optional<EventView>> terms = new HashMap<>();
        while (true) {
            List<IssuedCoupon> page = issuance.couponsAfter(after, PAGE);
            if (page.isEmpty()) {
                return written;
            }
            after = page.getLast().couponId();
            Set<Long> present =
                    states.existing(page.stream().map(IssuedCoupon::couponId).toList());
            List<CouponState> fresh = new ArrayList<>();
            for (IssuedCoupon c : page) {
                if (!present.contains(c.couponId())) {
                    EventView event =
                            terms.computeIfAbsent(c.eventId(), events::find).orElse(null);
                    fresh.add(IssuedTerms.issued(c, event));
                }
            }
            if (!fresh.isEmpty()) {
                Integer n = tx.execute(status -> write(fresh));
                written += n == null ? 0 : n;
            }
        }
    }

    private int write(List<CouponState> fresh) {
        if (fresh.isEmpty()) {
            return 0;
        }
        fresh.sort(Comparator.comparingLong(CouponState::couponId));
        // their first transition (to ISSUED) is derived from the row, not stored (CouponStateRepository#history)
        return states.insertAllIfAbsent(fresh, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .size();
    }

    private EventView terms(long eventId) {
        Future<Optional<EventView>> read = lookups.submit(() -> events.find(eventId));
        try {
            return read.get(30, TimeUnit.SECONDS).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading event " + eventId, e);
        } catch (ExecutionException | TimeoutException e) {
            read.cancel(true);
            throw new IllegalStateException("could not read event " + eventId + " for its coupons' terms", e);
        }
    }
}
