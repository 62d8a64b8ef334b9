package dev.firstcome.backend.event;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

interface EventRepository extends JpaRepository<EventEntity, Long> {

    /** How long an edit waits for another edit of the same event before answering 409. */
    String LOCK_TIMEOUT_MILLIS = "5000";

    /**
     * The event's row, locked until the transaction ends ({@code SELECT ... FOR UPDATE} on PostgreSQL
     * and MySQL/MariaDB): every edit of one event, on any server, runs one at a time. Waits at most
     * {@link #LOCK_TIMEOUT_MILLIS} for the lock, then fails with a pessimistic locking exception.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = LOCK_TIMEOUT_MILLIS))
    @Query("select e from EventEntity e where e.id = :id")
    Optional<EventEntity> findForUpdate(@Param("id") long id);
}
