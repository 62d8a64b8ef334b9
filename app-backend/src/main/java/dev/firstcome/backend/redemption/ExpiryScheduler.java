package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.FirstComeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code firstcome.redemption.expiry-interval}: coupons past their validity become EXPIRED, one
 * batch per transaction until none is left (at most {@link #MAX_BATCHES} per run). Idempotent (only ISSUED
 * rows change) and safe with several servers (rows another server's run holds are skipped).
 */
@Component
class ExpiryScheduler implements SchedulingConfigurer {

    static final int MAX_BATCHES = 100;

    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final RedemptionApi redemption;
    private final FirstComeProperties.Redemption settings;

    ExpiryScheduler(RedemptionApi redemption, FirstComeProperties properties) {
        this.redemption = redemption;
        this.settings = properties.redemption();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, settings.expiryInterval());
    }

    /** Runs batches until one comes back short; returns how many coupons expired. */
    int run() {
        int total = 0;
        try {
            for (int i = 0; i < MAX_BATCHES; i++) {
                int n = redemption.expireDue();
                total += n;
                if (n < settings.expiryBatch()) {
                    break;
                }
            }
        } catch (DataAccessException e) {
            log.warn("Coupon expiry skipped, the database is unavailable: {}", e.getMessage());
        }
        if (total > 0) {
            log.info("{} coupons expired", total);
        }
        return total;
    }
}
