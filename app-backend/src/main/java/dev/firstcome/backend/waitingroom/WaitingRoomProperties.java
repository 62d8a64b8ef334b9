package dev.firstcome.backend.waitingroom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The waiting room's settings ({@code firstcome.waiting-room.*}). {@code tokenSecret}: the HMAC key of
 * entry tokens, the same on every server (unset: one random key kept in Redis and shared by all servers
 * on it). {@code tick}: how often each server runs the outflow step of every open room (the outflow is
 * earned by elapsed time, so more servers do not let more in). {@code minPoll}/{@code maxPoll}: the bounds
 * of the advised poll interval (a tenth of the ETA in between, and never more than half the entry token's
 * validity): a visitor with half an hour to wait loses nothing polling once a minute, and 100,000 of them
 * far back make about 1,700 polls a second instead of 10,000 at a 10 s ceiling. {@code retention}: how long after its event's end a
 * queue stays in Redis (its audit is readable until then; then its keys expire). {@code limits}: the abuse limits (per client address and per user).
 */
@Validated
@ConfigurationProperties("firstcome.waiting-room")
record WaitingRoomProperties(
        String tokenSecret,
        @DefaultValue("100ms") Duration tick,
        @DefaultValue("5s") Duration eventsRefresh,
        @DefaultValue("1s") Duration minPoll,
        @DefaultValue("60s") Duration maxPoll,
        @DefaultValue("30d") Duration retention,
        @Valid @DefaultValue Limits limits) {

    /**
     * Token buckets shared by every server through Redis (Bucket4j): each allows its number of requests
     * per minute (as a burst, refilled gradually). Per client = per remote address; per user = per
     * {@code userId} (joins and applies) or ticket (polls). {@code enabled=false} turns them off.
     */
    record Limits(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("60") long queuePerClient,
            @Min(1) @DefaultValue("10") long queuePerUser,
            @Min(1) @DefaultValue("600") long pollPerClient,
            @Min(1) @DefaultValue("120") long pollPerUser,
            @Min(1) @DefaultValue("120") long applyPerClient,
            @Min(1) @DefaultValue("10") long applyPerUser) {}
}
