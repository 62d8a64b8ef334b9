package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.MetaWrite;
import dev.firstcome.backend.admission.decide.CouponAdmittedPublisher;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** {@link AdmissionStateApi}: the counters and users ({@link RedisAdmissionState}), the meta hash ({@link MetaStore}). */
@Service
class AdmissionStateService implements AdmissionStateApi {

    private final RedisAdmissionState state;
    private final MetaStore meta;
    private final CouponAdmittedPublisher publisher;
    /** Looked up on use: the rebuilder calls the event feature, which writes meta hashes through this facade. */
    private final ObjectProvider<RedisStateRebuilder> rebuilder;

    AdmissionStateService(
            RedisAdmissionState state,
            MetaStore meta,
            CouponAdmittedPublisher publisher,
            ObjectProvider<RedisStateRebuilder> rebuilder) {
        this.state = state;
        this.meta = meta;
        this.publisher = publisher;
        this.rebuilder = rebuilder;
    }

    @Override
    public AdmissionCounts counts(long eventId) {
        return state.counts(eventId);
    }

    @Override
    public EventState state(long eventId) {
        return state.state(eventId);
    }

    @Override
    public boolean stateLoaded(long eventId) {
        return state.stateLoaded(eventId);
    }

    @Override
    public Map<String, CouponAdmitted> admitted(long eventId) {
        return state.admitted(eventId);
    }

    @Override
    public Set<Long> revoked(long eventId, Collection<Long> admissionIds) {
        return state.revoked(eventId, admissionIds);
    }

    @Override
    public void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor) {
        state.restoreState(eventId, admissions, seqFloor);
    }

    @Override
    public int rebuildNow(long eventId, Duration timeout) {
        return rebuilder.getObject().restoreNow(eventId, timeout);
    }

    @Override
    public int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
        return state.restoreUsers(eventId, admissions);
    }

    @Override
    public void republish(CouponAdmitted admitted) {
        publisher.republish(admitted);
    }

    @Override
    public boolean republishOnce(CouponAdmitted admitted, Duration lease) {
        if (!state.claimRepublish(admitted, lease)) {
            return false;
        }
        publisher.republish(admitted);
        return true;
    }

    @Override
    public MetaWrite writeMeta(EventView event, long version, MetaWrite.Limits limits) {
        return meta.writeMeta(event, version, limits);
    }

    @Override
    public void initializeMeta(EventView event, long version) {
        meta.initializeMeta(event, version);
    }

    @Override
    public boolean restoreMeta(EventView event, long version) {
        return meta.restoreMeta(event, version);
    }
}
