package dev.firstcome.backend.issuance;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyResult;
import dev.firstcome.model.CouponAdmitted;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Until the admission feature lands on this branch: the one AdmissionApi call the persist path
 * makes ({@link AdmissionApi#revoked}), answered from the real Redis {@code revoked} set with the
 * documented key layout. Everything else is not needed by these tests.
 */
@TestConfiguration(proxyBeanMethods = false)
class RedisRevocationsAdmission {

    @Bean
    AdmissionApi redisRevocationsAdmissionApi(StringRedisTemplate redis, FirstComeNames names) {
        return new AdmissionApi() {
            @Override
            public Set<Long> revoked(long eventId, Collection<Long> admissionIds) {
                if (admissionIds.isEmpty()) {
                    return Set.of();
                }
                String key = names.keyPrefix() + ":{evt:" + eventId + "}:revoked";
                Map<Object, Boolean> members = redis.opsForSet()
                        .isMember(key, admissionIds.stream().map(String::valueOf).toArray());
                Set<Long> revoked = new HashSet<>();
                members.forEach((id, member) -> {
                    if (Boolean.TRUE.equals(member)) {
                        revoked.add(Long.parseLong(id.toString()));
                    }
                });
                return revoked;
            }

            @Override
            public ApplyResult apply(long eventId, String userId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AdmissionCounts counts(long eventId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean stateLoaded(long eventId) {
                return true;
            }

            @Override
            public Map<String, CouponAdmitted> admitted(long eventId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void republish(CouponAdmitted admitted) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void stopAdmitting() {}
        };
    }
}
