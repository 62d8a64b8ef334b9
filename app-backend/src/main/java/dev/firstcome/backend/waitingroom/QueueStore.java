package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.EventView;
import dev.firstcome.model.WaitingRoomMode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * An event's queue in Redis: every step is one run of {@code scripts/queue.lua} on the event's keys
 * ({@code <prefix>:{evt:<id>}:q:*}, one hash slot, so it runs on Redis Cluster). Nothing about the queue
 * is held in the JVM: a restarted server, or any other one, carries on where the queue stands.
 */
@Component
class QueueStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The queue's keys, in the order queue.lua takes them. */
    private static final List<String> KEYS = List.of("meta", "users", "tickets", "pre", "num", "turn", "order");

    /** A join's or a poll's raw answer: see queue.lua. */
    record Place(
            String code,
            String ticketId,
            long n,
            long admitted,
            long turnAt,
            long preCount,
            boolean paused,
            long measuredMilli,
            long next,
            String userId) {}

    /** The queue's counters: see queue.lua. */
    record Counters(
            boolean opened,
            long admitted,
            long next,
            boolean paused,
            boolean soldOut,
            long measuredMilli,
            long preCount,
            long tickets,
            String seed,
            String digest) {}

    private final StringRedisTemplate redis;
    private final RedisScript<List> script;
    private final String prefix;
    /** Runs of the queue script by this server, per event (tests check that a sold-out queue answers without Redis). */
    private final java.util.concurrent.ConcurrentMap<Long, LongAdder> runs =
            new java.util.concurrent.ConcurrentHashMap<>();

    QueueStore(
            StringRedisTemplate redis,
            @org.springframework.beans.factory.annotation.Qualifier("queueScript") @SuppressWarnings("rawtypes")
                    RedisScript<List> queueScript,
            FirstComeNames names) {
        this.redis = redis;
        this.script = queueScript;
        this.prefix = names.keyPrefix();
    }

    Place join(EventView event, String userId, long now) {
        return place(run(event, "join", now, userId, newTicketId()));
    }

    /** Null when the ticket is unknown. */
    Place poll(EventView event, String ticketId, long now) {
        return place(run(event, "poll", now, ticketId));
    }

    Counters tick(EventView event, long now) {
        return counters(run(event, "tick", now));
    }

    Counters stats(EventView event, long now) {
        return counters(run(event, "stats", now));
    }

    Counters pause(EventView event, long now) {
        return counters(run(event, "pause", now));
    }

    Counters resume(EventView event, long now) {
        return counters(run(event, "resume", now));
    }

    Counters soldOut(EventView event, long now) {
        return counters(run(event, "soldout", now));
    }

    /** The customer a ticket was given to, null for a ticket nobody was given (a plain HGET, not a script run). */
    String holderOf(long eventId, String ticketId) {
        Object holder = redis.opsForHash().get(key(eventId, "tickets"), ticketId);
        return holder == null ? null : holder.toString();
    }

    /** The shuffled pre-queue, first let in first. */
    List<String> order(long eventId) {
        return redis.opsForList().range(key(eventId, "order"), 0, -1);
    }

    /**
     * Lets the queue's keys expire at {@code at} (every server that sees the room end asks: idempotent);
     * until then the audit of the shuffle stays readable.
     */
    void retire(long eventId, java.time.Instant at) {
        for (String name : KEYS) {
            redis.expireAt(key(eventId, name), at);
        }
    }

    long runs(long eventId) {
        LongAdder counted = runs.get(eventId);
        return counted == null ? 0 : counted.sum();
    }

    String key(long eventId, String name) {
        return prefix + ":{evt:" + eventId + "}:q:" + name;
    }

    private List<?> run(EventView event, String op, long now, String... more) {
        long id = event.id();
        List<String> keys = KEYS.stream().map(name -> key(id, name)).toList();
        Object[] args = new Object[6 + more.length];
        args[0] = op;
        args[1] = Long.toString(now);
        args[2] = Long.toString(event.startsAt().toEpochMilli());
        args[3] = event.room().mode().name();
        // the seed of the opening's shuffle: only a shuffled pre-queue uses one (and only the run that opens it)
        args[4] = event.room().mode() == WaitingRoomMode.SHUFFLED_PREQUEUE
                        && ("join".equals(op) || "poll".equals(op) || "tick".equals(op))
                ? newSeed()
                : "";
        args[5] = Integer.toString(event.room().outflowPerSecond());
        System.arraycopy(more, 0, args, 6, more.length);
        runs.computeIfAbsent(id, k -> new LongAdder()).increment();
        return redis.execute(script, keys, args);
    }

    private static Place place(List<?> r) {
        if (r.size() == 1) {
            return null;
        }
        return new Place(
                (String) r.get(0),
                (String) r.get(1),
                (Long) r.get(2),
                (Long) r.get(3),
                (Long) r.get(4),
                (Long) r.get(5),
                ((Long) r.get(6)) == 1,
                (Long) r.get(7),
                (Long) r.get(8),
                (String) r.get(9));
    }

    private static Counters counters(List<?> r) {
        return new Counters(
                ((Long) r.get(0)) == 1,
                (Long) r.get(1),
                (Long) r.get(2),
                ((Long) r.get(3)) == 1,
                ((Long) r.get(4)) == 1,
                (Long) r.get(5),
                (Long) r.get(6),
                (Long) r.get(7),
                (String) r.get(8),
                (String) r.get(9));
    }

    static String newTicketId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String newSeed() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
