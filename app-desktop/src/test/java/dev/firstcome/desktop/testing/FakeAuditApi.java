package dev.firstcome.desktop.testing;

import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.model.AuditEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Audit entries in memory (newest first, substring filters) and the queries asked of it. */
public final class FakeAuditApi implements AuditApi {

    /** One call of {@link #recent}: its filters and limit. */
    public record Query(String actor, String action, String target, int limit) {}

    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds an entry as stored (before and after already JSON). */
    public AuditEntry add(Instant at, String actor, String action, String target, String before, String after) {
        AuditEntry entry = new AuditEntry(ids.incrementAndGet(), at, actor, action, target, before, after);
        entries.add(entry);
        return entry;
    }

    public List<Query> queries() {
        return queries;
    }

    @Override
    public void record(String actor, String action, String target, Object before, Object after) {
        add(
                Instant.now(),
                actor,
                action,
                target,
                before == null ? null : before.toString(),
                after == null ? null : after.toString());
    }

    @Override
    public List<AuditEntry> recent(String actor, String action, String target, int limit) {
        queries.add(new Query(actor, action, target, limit));
        return entries.stream()
                .filter(e -> actor == null || e.actor().contains(actor))
                .filter(e -> action == null || e.action().contains(action))
                .filter(e -> target == null || e.target().contains(target))
                .sorted(Comparator.comparing(AuditEntry::at).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public String currentActor() {
        return CONSOLE;
    }
}
