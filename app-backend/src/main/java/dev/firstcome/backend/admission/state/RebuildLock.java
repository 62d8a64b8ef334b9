package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.infra.DatabaseLock;
import dev.firstcome.backend.infra.FirstComeNames;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * A database lock per event ({@link DatabaseLock}) so that of several instances only one rebuilds an
 * event's Redis state at a time: a second rebuild that ran right after the first one admitted again
 * would wipe those admissions. The lock is held on one connection for the length of the rebuild and
 * never waited for.
 */
@Component
class RebuildLock {

    private final DatabaseLock lock;
    private final FirstComeNames names;

    RebuildLock(DatabaseLock lock, FirstComeNames names) {
        this.lock = lock;
        this.names = names;
    }

    /** Runs {@code work} holding the event's lock; empty when another holder has it. */
    <T> Optional<T> tryWithLock(long eventId, Supplier<T> work) {
        return lock.tryWithLock(lockName(eventId), work);
    }

    /** At most 64 characters (the MySQL limit). */
    String lockName(long eventId) {
        String name = "fc-rebuild:" + names.keyPrefix() + ":" + eventId;
        return name.length() <= 64 ? name : "fc-rebuild:" + Integer.toHexString(name.hashCode()) + ":" + eventId;
    }
}
