package dev.firstcome.backend.issuance;

import dev.firstcome.model.CouponAdmitted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes every dead letter into {@code failed_issue}. A failure propagates to the container, which
 * retries (with back-off, without limit) until the database answers; offsets are committed only
 * after the rows exist.
 */
@Component
class DeadLetterListener {

    static final String ID = "firstcome-dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final FailedIssueRepository failures;
    private final CouponPersister persister;
    private final TransactionTemplate tx;

    DeadLetterListener(FailedIssueRepository failures, CouponPersister persister, IssuanceTransactions transactions) {
        this.failures = failures;
        this.persister = persister;
        this.tx = transactions.template();
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.deadLetterTopic()}",
            groupId = "#{@firstComeNames.deadLetterGroup()}",
            containerFactory = IssuanceConfiguration.DEAD_LETTER_CONTAINER_FACTORY,
            batch = "true")
    void onBatch(List<ConsumerRecord<String, CouponAdmitted>> records) {
        List<FailedIssueRepository.Failure> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CouponAdmitted> record : records) {
            if (record.value() == null) {
                log.error(
                        "Dead letter at {}-{}@{} holds no readable admission; it cannot become a failed issue",
                        record.topic(),
                        record.partition(),
                        record.offset());
            } else {
                batch.add(new FailedIssueRepository.Failure(record.value(), reason(record)));
            }
        }
        if (!batch.isEmpty()) {
            tx.executeWithoutResult(status -> failures.recordFailures(batch, persister.now()));
            log.warn("Recorded {} failed issues", batch.size());
        }
    }

    private static String reason(ConsumerRecord<String, CouponAdmitted> record) {
        Header message = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        Header type = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        String text = message == null ? "" : new String(message.value(), StandardCharsets.UTF_8);
        String cause = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
        String reason = (cause.isEmpty() ? "" : cause.substring(cause.lastIndexOf('.') + 1) + ": ") + text;
        return reason.isBlank() ? "persisting failed after retries" : reason;
    }
}
