package dev.firstcome.desktop.testing;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyResult;
import dev.firstcome.model.CouponAdmitted;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Counters only: what the events table shows. */
public final class FakeAdmissionApi implements AdmissionApi {

    private final Map<Long, AdmissionCounts> counts = new ConcurrentHashMap<>();

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
    public ApplyResult apply(long eventId, String userId) {
        throw new UnsupportedOperationException("the console never applies");
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
    public int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
        return 0;
    }

    @Override
    public void republish(CouponAdmitted admitted) {}

    @Override
    public dev.firstcome.backend.admission.MetaWrite writeMeta(
            dev.firstcome.model.EventView event,
            long version,
            dev.firstcome.backend.admission.MetaWrite.Limits limits) {
        return new dev.firstcome.backend.admission.MetaWrite.Written(event.totalQuantity(), event.dailyQuantity());
    }

    @Override
    public void initializeMeta(dev.firstcome.model.EventView event, long version) {}

    @Override
    public boolean restoreMeta(dev.firstcome.model.EventView event, long version) {
        return true;
    }

    @Override
    public void stopAdmitting() {}
}
