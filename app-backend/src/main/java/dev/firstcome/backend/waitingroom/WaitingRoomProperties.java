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
 * of the advised poll interval. {@code limits}: the abuse limits (per client address and per user).
 */
@Validated
@ConfigurationProperties("firstcome.waiting-room")
record WaitingRoomProperties(
        String tokenSecret,
        @DefaultValue("100ms") Duration tick,
        @DefaultValue("5s") Duration eventsRefresh,
        @DefaultValue("1s") Duration minPoll,
        @DefaultValue("10s") Duration maxPoll,
        @Valid @DefaultValue Limits limits) {

    /**
     * Token buckets shared by every server through Redis (Bucket4j): each is {@code capacity} requests,
     * refilled at {@code perMinute}. {@code enabled=false} turns the limits off.
     */
    record Limits(
            @DefaultValue("true") boolean enabled,
            @Valid @DefaultValue("60,60") Limit queuePerClient,
            @Valid @DefaultValue("10,10") Limit queuePerUser,
            @Valid @DefaultValue("600,600") Limit pollPerClient,
            @Valid @DefaultValue("120,120") Limit pollPerUser,
            @Valid @DefaultValue("120,120") Limit applyPerClient,
            @Valid @DefaultValue("10,10") Limit applyPerUser) {}

    /** {@code capacity} requests at once, {@code perMinute} more each minute. */
    record Limit(@Min(1) long capacity, @Min(1) long perMinute) {}
}
