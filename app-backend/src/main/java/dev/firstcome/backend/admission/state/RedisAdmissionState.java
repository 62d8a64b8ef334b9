package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventLookup;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.EventStates;
import dev.firstcome.backend.admission.decide.AdmissionWindow;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** An event's counters and admitted users in Redis: read, restored after a loss, healed. */
@Component
class RedisAdmissionState {

    private static final Logger log = LoggerFactory.getLogger(RedisAdmissionState.class);

    private final EventLookup events;
    private final StringRedisTemplate redis;
    private final AdmissionKeys keys;
    private final Clock clock;
    private final Duration dayTtl;
    private final RedisScript<Long> republishScript;

    RedisAdmissionState(
            EventLookup events,
            StringRedisTemplate redis,
            AdmissionKeys keys,
            Clock clock,
            FirstComeProperties properties,
            @Qualifier("republishScript") RedisScript<Long> republishScript) {
        this.republishScript = republishScript;
        this.events = events;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.dayTtl = Duration.ofSeconds(properties.redis().dayCounterTtl().toSeconds());
    }

    AdmissionCounts counts(long eventId) {
        EventView event = event(eventId);
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        try {
            List<String> values = redis.opsForValue().multiGet(List.of(keys.total(eventId), keys.day(eventId, today)));
            long admitted = parse(values == null ? null : values.get(0));
            long admittedToday = parse(values == null ? null : values.get(1));
            long remaining = Math.max(0, event.totalQuantity() - admitted);
            Long remainingToday = event.dailyQuantity() == null
                    ? null
                    : Math.max(0, Math.min(remaining, event.dailyQuantity() - admittedToday));
            return new AdmissionCounts(eventId, admitted, admittedToday, remaining, remainingToday);
        } catch (DataAccessException e) {
            throw new AdmissionUnavailableException("Redis is unavailable", e);
        }
    }

    /** {@link EventStates} at the clock's now; counters that cannot be read are not judged. */
    EventState state(long eventId) {
        EventView event = event(eventId);
        AdmissionCounts counts;
        boolean loaded;
        try {
            loaded = stateLoaded(eventId);
            counts = counts(eventId);
        } catch (DataAccessException | AdmissionUnavailableException e) {
            loaded = true; // Redis did not answer: the state tells what the window and status decide
            counts = null;
        }
        return EventStates.of(event, clock.instant(), counts, loaded);
    }

    /**
     * {@code master_replid} of the master serving the event's slot (on a Cluster, the node Lettuce's
     * topology says owns it): it changes when a replica is promoted and when a master restarts.
     */
    String masterReplicationId(long eventId) {
        byte[] key = keys.meta(eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return redis.execute((org.springframework.data.redis.core.RedisCallback<String>) connection -> {
            java.util.Properties info;
            if (connection instanceof org.springframework.data.redis.connection.RedisClusterConnection cluster) {
                info = cluster.serverCommands().info(cluster.clusterGetNodeForKey(key), "replication");
            } else {
                info = connection.serverCommands().info("replication");
            }
            return info == null ? null : info.getProperty("master_replid");
        });
    }

    /** The replication id recorded in the event's slot by the last check or rollback (null: none yet). */
    String recordedReplicationId(long eventId) {
        return redis.opsForValue().get(keys.replicationId(eventId));
    }

    void recordReplicationId(long eventId, String replid) {
        redis.opsForValue().set(keys.replicationId(eventId), replid);
    }

    /** The event's admission sequence (the last admission id handed out). */
    long sequence(long eventId) {
        return parse(redis.opsForValue().get(keys.seq(eventId)));
    }

    /** Whether each of these users is in the event's applied hash. */
    List<Boolean> applied(long eventId, List<String> users) {
        var present = new java.util.ArrayList<Boolean>(users.size());
        for (int from = 0; from < users.size(); from += 1000) {
            List<Object> chunk = new java.util.ArrayList<>(users.subList(from, Math.min(users.size(), from + 1000)));
            List<Object> values = redis.opsForHash().multiGet(keys.applied(eventId), chunk);
            values.forEach(v -> present.add(v != null));
        }
        return present;
    }

    /**
     * The event's state is older than what was promised: the meta hash goes first (every apply answers 503
     * from now on, as when Redis lost the state) and the rebuild from the database takes over.
     */
    void markRolledBack(long eventId, String replid) {
        redis.delete(keys.meta(eventId));
        if (replid != null) {
            recordReplicationId(eventId, replid);
        }
    }

    boolean stateLoaded(long eventId) {
        return Boolean.TRUE.equals(redis.hasKey(keys.meta(eventId)));
    }

    Map<String, CouponAdmitted> admitted(long eventId) {
        Map<Object, Object> entries = redis.opsForHash().entries(keys.applied(eventId));
        var result = new LinkedHashMap<String, CouponAdmitted>(entries.size() * 2);
        entries.forEach((user, value) ->
                result.put(user.toString(), AppliedEntry.parse(eventId, user.toString(), value.toString())));
        return result;
    }

    /**
     * Claims the admission for republishing (republish.lua): true when the user still holds exactly this
     * admission, it was never revoked and no claim younger than {@code lease} exists. From then on an undo
     * of it keeps it.
     */
    boolean claimRepublish(CouponAdmitted admission, Duration lease) {
        Long claimed = redis.execute(
                republishScript,
                keys.republishKeys(admission.eventId()),
                admission.userId(),
                Long.toString(admission.admissionId()),
                Long.toString(clock.millis()),
                Long.toString(lease.toMillis()));
        return claimed != null && claimed == 1L;
    }

    Set<Long> revoked(long eventId, Collection<Long> admissionIds) {
        if (admissionIds.isEmpty()) {
            return Set.of();
        }
        Map<Object, Boolean> members = redis.opsForSet()
                .isMember(
                        keys.revoked(eventId),
                        admissionIds.stream().map(String::valueOf).toArray());
        var revoked = new HashSet<Long>();
        if (members != null) {
            members.forEach((id, member) -> {
                if (Boolean.TRUE.equals(member)) {
                    revoked.add(Long.parseLong(id.toString()));
                }
            });
        }
        return revoked;
    }

    void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor) {
        LocalDate today = today(eventId);
        // meta stays absent until the end: applies keep answering 503 while this runs
        redis.delete(List.of(keys.meta(eventId), keys.applied(eventId)));
        writeApplied(eventId, admissions);
        long todayCount = admissions.stream().filter(a -> today.equals(a.day())).count();
        redis.opsForValue().set(keys.total(eventId), Long.toString(admissions.size()));
        redis.opsForValue().set(keys.day(eventId, today), Long.toString(todayCount), dayTtl);
        raiseSequence(eventId, seqFloor);
        log.info(
                "Restored the Redis admission state of event {}: {} admitted, {} today, sequence >= {}",
                eventId,
                admissions.size(),
                todayCount,
                seqFloor);
    }

    private void writeApplied(long eventId, List<CouponAdmitted> admissions) {
        String key = keys.applied(eventId);
        for (int from = 0; from < admissions.size(); from += 1000) {
            var chunk = new HashMap<String, String>();
            for (CouponAdmitted a : admissions.subList(from, Math.min(admissions.size(), from + 1000))) {
                chunk.put(a.userId(), AppliedEntry.format(a));
            }
            redis.opsForHash().putAll(key, chunk);
        }
    }

    int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
        LocalDate today = today(eventId);
        int added = 0;
        int addedToday = 0;
        for (CouponAdmitted a : admissions) {
            if (Boolean.TRUE.equals(
                    redis.opsForHash().putIfAbsent(keys.applied(eventId), a.userId(), AppliedEntry.format(a)))) {
                added++;
                if (today.equals(a.day())) {
                    addedToday++;
                }
            }
        }
        if (added > 0) {
            redis.opsForValue().increment(keys.total(eventId), added);
        }
        if (addedToday > 0) {
            redis.opsForValue().increment(keys.day(eventId, today), addedToday);
            redis.expire(keys.day(eventId, today), dayTtl);
        }
        raiseSequence(
                eventId,
                admissions.stream().mapToLong(CouponAdmitted::admissionId).max().orElse(0));
        return added;
    }

    private void raiseSequence(long eventId, long floor) {
        long seq = parse(redis.opsForValue().get(keys.seq(eventId)));
        if (seq < floor) {
            redis.opsForValue().set(keys.seq(eventId), Long.toString(floor));
        }
    }

    private EventView event(long eventId) {
        return events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    private LocalDate today(long eventId) {
        return AdmissionWindow.day(event(eventId), clock.instant());
    }

    private static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
