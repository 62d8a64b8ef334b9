package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Retries OPEN failed issues every {@code firstcome.issuance.reissue-interval} (off: {@code scheduled-reissue=false}). */
@Component
class ScheduledReissue implements SchedulingConfigurer {

    static final String OPERATOR = "scheduler";

    private static final Logger log = LoggerFactory.getLogger(ScheduledReissue.class);

    private final IssuanceService issuance;
    private final FirstComeProperties.Issuance settings;

    ScheduledReissue(IssuanceService issuance, FirstComeProperties properties) {
        this.issuance = issuance;
        this.settings = properties.issuance();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.scheduledReissue()) {
            registrar.addFixedDelayTask(this::run, settings.reissueInterval());
        }
    }

    void run() {
        try {
            issuance.reissueAllOpen(OPERATOR);
        } catch (DataAccessException e) {
            log.warn("Scheduled reissue skipped, the database is unavailable: {}", e.getMessage());
        }
    }
}
