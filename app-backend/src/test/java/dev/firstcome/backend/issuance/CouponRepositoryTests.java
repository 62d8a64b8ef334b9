package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.CouponView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * Slice test of the {@code coupon} table against the real (embedded, migrated) database, through the
 * dialect's {@link IssuanceSql}; each test rolls back. Its MySQL/MariaDB twin is the persistence
 * scenarios' {@code MariaDbPersistenceIntegrationTests} (-Pservices).
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({CouponRepository.class, IssuanceSqlConfiguration.class, SqlDialectConfiguration.class})
class CouponRepositoryTests {

    static final Instant ADMITTED = Instant.parse("2030-01-01T10:00:00.123456Z");
    static final Instant PERSISTED = Instant.parse("2030-01-01T10:00:01Z");

    @Autowired
    CouponRepository coupons;

    long eventId;
    String prefix;

    @BeforeEach
    void freshEvent() {
        eventId = ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
        prefix = "slice-" + UUID.randomUUID() + "-";
    }

    CouponAdmitted admission(String user, long rank) {
        return new CouponAdmitted(
                eventId, prefix + user, rank, eventId * 10 + rank, LocalDate.of(2030, 1, 1), ADMITTED);
    }

    @Test
    void insertReportsOnlyTheRowsItInsertedAndIgnoresExistingOnes() {
        List<IssuedCoupon> first =
                coupons.insertIgnoringExisting(List.of(admission("a", 1), admission("b", 2)), PERSISTED);
        assertThat(first).extracting(IssuedCoupon::userId).containsExactlyInAnyOrder(prefix + "a", prefix + "b");
        // the rows come back as stored, ids included (the status rows are written from them, with no read)
        for (IssuedCoupon row : first) {
            assertThat(coupons.findById(row.couponId())).contains(row);
        }
        assertThat(first)
                .extracting(IssuedCoupon::admittedAt, IssuedCoupon::persistedAt)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(ADMITTED, PERSISTED));

        assertThat(coupons.insertIgnoringExisting(List.of(admission("b", 2), admission("c", 3)), PERSISTED))
                .extracting(IssuedCoupon::userId, IssuedCoupon::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(prefix + "c", 3L));
        assertThat(coupons.insertIgnoringExisting(List.of(), PERSISTED)).isEmpty();
        assertThat(coupons.countByEvent(eventId)).isEqualTo(3);
        assertThat(coupons.exists(eventId, prefix + "a")).isTrue();
        assertThat(coupons.exists(eventId, prefix + "z")).isFalse();
    }

    @Test
    void anInsertedAdmissionReadsBackWhole() {
        coupons.insertIgnoringExisting(List.of(admission("b", 2), admission("a", 1)), PERSISTED);

        assertThat(coupons.findAdmissionsByEvent(eventId)).containsExactly(admission("a", 1), admission("b", 2));
        assertThat(coupons.findByUser(prefix + "a"))
                .containsExactly(new CouponView(eventId, prefix + "a", 1, ADMITTED, PERSISTED));
    }

    @Test
    void aNoticeIsClaimedOnceUntilReleased() {
        coupons.insertIgnoringExisting(List.of(admission("a", 1)), PERSISTED);

        assertThat(coupons.claimNotification(eventId, prefix + "a", PERSISTED)).isTrue();
        assertThat(coupons.claimNotification(eventId, prefix + "a", PERSISTED)).isFalse();
        coupons.releaseNotification(eventId, prefix + "a");
        assertThat(coupons.claimNotification(eventId, prefix + "a", PERSISTED)).isTrue();
    }

    @Test
    void aBatchClaimsEachNoticeOnceEvenWhenListedTwice() {
        coupons.insertIgnoringExisting(List.of(admission("a", 1), admission("b", 2)), PERSISTED);
        coupons.claimNotification(eventId, prefix + "b", PERSISTED);
        var a = new CouponPersisted(eventId, prefix + "a", 1, eventId * 10 + 1, PERSISTED);
        var b = new CouponPersisted(eventId, prefix + "b", 2, eventId * 10 + 2, PERSISTED);
        var unknown = new CouponPersisted(eventId, prefix + "z", 9, 9, PERSISTED);

        assertThat(coupons.claimNotifications(List.of(a, b, a, unknown), PERSISTED))
                .containsExactly(true, false, false, false);
        assertThat(coupons.claimNotifications(List.of(), PERSISTED)).isEmpty();
    }

    @Test
    void unnotifiedCouponsAreReadInIdOrderWithinTheRangeAndSince() {
        coupons.insertIgnoringExisting(List.of(admission("a", 1), admission("b", 2)), PERSISTED);
        coupons.insertIgnoringExisting(List.of(admission("c", 3)), PERSISTED.plusSeconds(10));
        coupons.claimNotification(eventId, prefix + "b", PERSISTED);
        long last = coupons.lastId();

        List<CouponRepository.Unnotified> unnotified =
                coupons.unnotified(0, last, PERSISTED, Integer.MAX_VALUE).stream()
                        .filter(u -> u.coupon().eventId() == eventId)
                        .toList();

        assertThat(unnotified).extracting(u -> u.coupon().userId()).containsExactly(prefix + "a", prefix + "c");
        assertThat(unnotified.getFirst().coupon().persistedAt()).isEqualTo(PERSISTED);
        assertThat(unnotified.getFirst().id()).isLessThan(unnotified.getLast().id());
        assertThat(unnotified.getLast().id()).isLessThanOrEqualTo(last);
        long c = unnotified.getLast().id();
        assertThat(coupons.lastIdPersistedBefore(c - 1, PERSISTED.plusSeconds(10)))
                .as("c was persisted at, not before, +10 s")
                .isNotEqualTo(c);
        assertThat(coupons.lastIdPersistedBefore(0, PERSISTED.plusSeconds(11))).isGreaterThanOrEqualTo(c);
    }
}
