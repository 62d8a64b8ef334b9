package dev.firstcome.backend.monitor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The lost admission repair ({@code firstcome.repair.*}, {@code FIRSTCOME_REPAIR_*}): see {@link
 * LostAdmissionRepair}. An admission Kafka never got is a coupon within {@code after + interval} of its
 * admission (plus the consumers' lag), and within {@code firstDelay} of a restart for one older than that.
 *
 * @param enabled whether this server takes part (one server at a time repairs, under a database lock)
 * @param after how old an admission must be before it is judged: longer than an apply can still be
 *     waiting for Kafka and undoing a failed send (at least twice {@code firstcome.kafka.send-timeout}
 *     plus {@code firstcome.admission.undo-retry-interval}; checked at startup)
 * @param interval the pause between two repairs
 * @param firstDelay when the first repair runs after the start
 */
@Validated
@ConfigurationProperties("firstcome.repair")
public record RepairProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration after,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("5s") Duration firstDelay) {}
