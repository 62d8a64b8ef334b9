package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.FirstComeProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends again the ledger entries whose externalisation has not completed {@code resubmitAfter} after
 * publication (Kafka was down, or the server died between commit and send: the registry still holds
 * them). A duplicate is harmless: the settlement side books each entry once.
 */
@Component
class LedgerResubmitter implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LedgerResubmitter.class);

    private final IncompleteEventPublications incomplete;
    private final Duration after;

    LedgerResubmitter(IncompleteEventPublications incomplete, FirstComeProperties properties) {
        this.incomplete = incomplete;
        this.after = properties.redemption().resubmitAfter();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::resubmit, after);
    }

    void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(after);
        } catch (RuntimeException e) {
            log.warn("Resubmitting unsent ledger entries failed: {}", e.getMessage());
        }
    }
}
