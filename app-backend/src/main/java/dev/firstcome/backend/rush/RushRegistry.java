package dev.firstcome.backend.rush;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The rushes this server started, by id: the running ones and the last few finished ones. */
@Component
class RushRegistry {

    private static final int KEEP_FINISHED = 20;

    private final Map<String, RushRun> rushes = new LinkedHashMap<>();

    Optional<RushHandle> find(String rushId) {
        synchronized (rushes) {
            return Optional.ofNullable(rushes.get(rushId));
        }
    }

    /** Newest first. */
    List<RushHandle> recent() {
        synchronized (rushes) {
            return rushes.values().stream()
                    .sorted(Comparator.comparing(RushRun::createdAt).reversed())
                    .map(RushHandle.class::cast)
                    .toList();
        }
    }

    /** Forgets a finished rush's handle, as a restart would. */
    void forget(String rushId) {
        synchronized (rushes) {
            rushes.computeIfPresent(rushId, (id, run) -> run.state().finished() ? null : run);
        }
    }

    /** Keeps a new rush; beyond {@link #KEEP_FINISHED}, the oldest finished ones are dropped. */
    void remember(RushRun run) {
        synchronized (rushes) {
            rushes.put(run.id(), run);
            if (rushes.size() > KEEP_FINISHED) {
                rushes.values().stream()
                        .filter(r -> r.state().finished())
                        .sorted(Comparator.comparing(RushRun::createdAt))
                        .limit(rushes.size() - KEEP_FINISHED)
                        .map(RushRun::id)
                        .toList()
                        .forEach(rushes::remove);
            }
        }
    }

    void cancelAll() {
        synchronized (rushes) {
            rushes.values().forEach(RushRun::cancel);
        }
    }
}
