package dev.firstcome.desktop.testing;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.MetaWrite;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Counters only: what the events table shows. */
public final class FakeAdmissionStateApi implements AdmissionStateApi {

    private final Map<Long, AdmissionCounts> counts = new ConcurrentHashMap<>();
    private final Map<Long, EventState> states = new ConcurrentHashMap<>();

    public void setState(EventState value) {
        states.put(value.eventId(), value);
    }

    @Override
    public EventState state(long eventId) {
        EventState value = states.get(eventId);
        if (value == null) {
            throw new IllegalStateException("no state for event " + eventId);
        }
        return value;
    }

    public void setCounts(AdmissionCounts value) {
        counts.put(value.eventId(), value);
    }

    @Override
    public AdmissionCounts counts(long eventId) {
        AdmissionCounts value = counts.get(eventId);
        if (value == null) {
            throw new IllegalStateException("no counters for event " + eventId);
        }
        return value;
    }

    @Override
    public boolean stateLoaded(long eventId) {
        return counts.containsKey(eventId);
    }

    @Override
    public Map<String, CouponAdmitted> admitted(long eventId) {
        return Map.of();
    }

    @Override
    public Set<Long> revoked(long eventId, Collection<Long> admissionIds) {
        return Set.of();
    }

    @Override
    public void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor) {}

    @Override
    public int rebuildNow(long eventId, Duration timeout) {
        return 0;
    }

    @Override
    public int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
        return 0;
    }

    @Override
    public void republish(CouponAdmitted admitted) {}

    @Override
    public boolean republishOnce(CouponAdmitted admitted, Duration lease) {
        return false;
    }

    @Override
    public MetaWrite writeMeta(EventView event, long version, MetaWrite.Limits limits) {
        return new MetaWrite.Written(event.totalQuantity(), event.dailyQuantity());
    }

    @Override
    public void initializeMeta(EventView event, long version) {}

    @Override
    public boolean restoreMeta(EventView event, long version) {
        return true;
    }
}
