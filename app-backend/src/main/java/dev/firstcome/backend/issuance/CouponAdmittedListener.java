package dev.firstcome.backend.issuance;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.model.CouponAdmitted;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * The persist path: a batch of CouponAdmitted records becomes coupon rows.
 *
 * <ol>
 *   <li>drop records whose admission id was revoked (one Redis call per event in the batch);
 *   <li>one transaction, one insert that ignores existing (event, user) rows; retried with back-off;
 *   <li>if it still fails: a database that is unreachable sends the whole batch to the dead-letter
 *       topic; otherwise each record is tried alone and only the ones that fail go there;
 *   <li>the method returns only after the commit (and any dead-letter sends were acknowledged), and
 *       only then does the container commit the batch's offsets (ack mode BATCH).
 * </ol>
 *
 * Anything else thrown (Redis unreachable, dead-letter topic unreachable) leaves the offsets where
 * they were: the container's error handler retries the batch until it succeeds.
 */
@Component
class CouponAdmittedListener {

    static final String ID = "firstcome-issuance";

    private static final Logger log = LoggerFactory.getLogger(CouponAdmittedListener.class);
    private static final LogAccessor LOG = new LogAccessor(CouponAdmittedListener.class);

    private final AdmissionStateApi admission;
    private final CouponPersister persister;
    private final DeadLetterPublishingRecoverer deadLetters;

    CouponAdmittedListener(
            AdmissionStateApi admission, CouponPersister persister, DeadLetterPublishingRecoverer issuanceDeadLetters) {
        this.admission = admission;
        this.persister = persister;
        this.deadLetters = issuanceDeadLetters;
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.admittedTopic()}",
            groupId = "#{@firstComeNames.consumerGroup()}",
            containerFactory = IssuanceConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onBatch(List<ConsumerRecord<String, CouponAdmitted>> records) {
        List<ConsumerRecord<String, CouponAdmitted>> candidates = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CouponAdmitted> record : records) {
            if (record.value() == null) {
                deadLetters.accept(record, null, unreadable(record));
            } else {
                candidates.add(record);
            }
        }
        List<ConsumerRecord<String, CouponAdmitted>> admitted = dropRevoked(candidates);
        if (admitted.isEmpty()) {
            return;
        }
        List<CouponAdmitted> values =
                admitted.stream().map(ConsumerRecord::value).toList();
        try {
            persister.persistWithRetry(values);
        } catch (DataAccessException e) {
            if (isUnreachable(e)) {
                log.error(
                        "The database is unreachable; {} records go to the dead-letter topic: {}",
                        admitted.size(),
                        e.getMostSpecificCause().getMessage());
                admitted.forEach(r -> deadLetters.accept(r, null, new PersistFailedException(e)));
            } else {
                persistOneByOne(admitted);
            }
        }
    }

    /** Finds the records that fail on their own; those go to the dead-letter topic, the rest persist. */
    private void persistOneByOne(List<ConsumerRecord<String, CouponAdmitted>> records) {
        int failed = 0;
        for (ConsumerRecord<String, CouponAdmitted> record : records) {
            try {
                persister.persistOnce(List.of(record.value()));
            } catch (DataAccessException e) {
                failed++;
                deadLetters.accept(record, null, new PersistFailedException(e));
            }
        }
        log.warn("{} of {} records could not be persisted and went to the dead-letter topic", failed, records.size());
    }

    /**
     * Drops revoked admissions, then keeps the first record of each (event, user). In that order: a user
     * whose first admission was revoked (its send "failed" but the broker had written it) and who then won
     * on a retry has both records in one batch, and the revoked one must not shadow the win.
     */
    private List<ConsumerRecord<String, CouponAdmitted>> dropRevoked(
            List<ConsumerRecord<String, CouponAdmitted>> records) {
        Map<Long, List<Long>> idsByEvent = new HashMap<>();
        for (ConsumerRecord<String, CouponAdmitted> record : records) {
            CouponAdmitted a = record.value();
            idsByEvent.computeIfAbsent(a.eventId(), e -> new ArrayList<>()).add(a.admissionId());
        }
        Map<Long, Set<Long>> revokedByEvent = new HashMap<>();
        idsByEvent.forEach((eventId, ids) -> {
            Set<Long> revoked = admission.revoked(eventId, ids);
            if (!revoked.isEmpty()) {
                revokedByEvent.put(eventId, revoked);
            }
        });
        Map<CouponRepository.Key, ConsumerRecord<String, CouponAdmitted>> distinct = new LinkedHashMap<>();
        for (ConsumerRecord<String, CouponAdmitted> record : records) {
            CouponAdmitted a = record.value();
            if (revokedByEvent.getOrDefault(a.eventId(), Set.of()).contains(a.admissionId())) {
                log.info(
                        "Dropping revoked admission {} of user {} in event {}",
                        a.admissionId(),
                        a.userId(),
                        a.eventId());
            } else {
                distinct.putIfAbsent(new CouponRepository.Key(a.eventId(), a.userId()), record);
            }
        }
        return List.copyOf(distinct.values());
    }

    /**
     * Whether the database could not be reached at all (no connection, connection lost, server
     * shutting down or out of connections), as opposed to refusing these particular rows.
     */
    static boolean isUnreachable(DataAccessException e) {
        if (e instanceof CannotGetJdbcConnectionException) {
            return true;
        }
        // the SQL state decides when the driver gives one: MariaDB Connector/J reports a trigger's
        // SIGNAL (state 45000) as an SQLTransientConnectionException, yet the rows were refused
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static Exception unreadable(ConsumerRecord<String, CouponAdmitted> record) {
        DeserializationException cause = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return cause != null ? cause : new IllegalArgumentException("record without a value");
    }
}
