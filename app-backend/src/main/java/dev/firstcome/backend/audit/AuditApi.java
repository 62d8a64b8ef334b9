package dev.firstcome.backend.audit;

import dev.firstcome.model.AuditEntry;
import java.util.List;

/**
 * The audit log of operator actions. Every change an operator makes (through the admin API or the
 * console) is recorded with who made it and the state before and after.
 */
public interface AuditApi {

    /** The actor of actions taken from the desktop console (same process, no token). */
    String CONSOLE = "console";

    /** Records an action by the current actor (the authenticated operator, else {@link #CONSOLE}). */
    default void record(String action, String target, Object before, Object after) {
        record(currentActor(), action, target, before, after);
    }

    /** Records an action by a named actor (e.g. {@code system} for scheduled work). */
    void record(String actor, String action, String target, Object before, Object after);

    /** The newest entries first, filtered by the non-null arguments (substring match), at most {@code limit}. */
    List<AuditEntry> recent(String actor, String action, String target, int limit);

    /** The authenticated operator of the current request, or {@link #CONSOLE}. */
    String currentActor();
}
