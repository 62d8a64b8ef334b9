package dev.firstcome.backend.admission;

import java.util.concurrent.CompletableFuture;

/**
 * The abuse limits an apply passes before admission decides (per client address and per user, shared
 * by every server). Implemented by the waiting room, for events whose room is on; without one nothing is
 * limited. Both apply entrances ask it; a refusal is 429 with {@code Retry-After}.
 */
public interface ApplyThrottle {

    /** Limits nothing. */
    ApplyThrottle NONE = (eventId, clientAddress, userId) -> CompletableFuture.completedFuture(0L);

    /** Completes with 0 when the apply may go on, otherwise with the seconds to wait before trying again. */
    CompletableFuture<Long> check(long eventId, String clientAddress, String userId);
}
