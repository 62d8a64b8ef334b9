package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.ReconcileReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconciliationTests {

    private static final long EVENT = 7;

    private static CouponAdmitted admission(int n) {
        return new CouponAdmitted(
                EVENT, "u" + n, n, n, LocalDate.parse("2026-11-23"), Instant.parse("2026-11-23T04:00:00Z"));
    }

    private static Map<String, CouponAdmitted> admitted(int from, int to) {
        Map<String, CouponAdmitted> map = new LinkedHashMap<>();
        IntStream.rangeClosed(from, to).mapToObj(ReconciliationTests::admission).forEach(a -> map.put(a.userId(), a));
        return map;
    }

    private static List<CouponAdmitted> rows(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(ReconciliationTests::admission)
                .toList();
    }

    @Test
    void everyAdmissionPersistedOrFailedIsZeroLost() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 10), rows(1, 8), rows(9, 10), 0, 0);
        ReconcileReport report = r.report();
        assertThat(report.admitted()).isEqualTo(10);
        assertThat(report.persisted()).isEqualTo(8);
        assertThat(report.failedOpen()).isEqualTo(2);
        assertThat(report.inFlight()).isZero();
        assertThat(report.lost()).isZero();
        assertThat(report.unknownToRedis()).isZero();
        assertThat(report.drained()).isTrue();
        assertThat(r.missing()).isEmpty();
    }

    @Test
    void missingAdmissionsAreInFlightWhileTheBacklogCoversThem() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 10), rows(1, 4), List.of(), 6, 6);
        assertThat(r.report().inFlight()).isEqualTo(6);
        assertThat(r.report().lost()).isZero();
        assertThat(r.report().drained()).isFalse();
        assertThat(r.report().consumerLag()).isEqualTo(6);
    }

    @Test
    void inFlightIsCappedByTheBacklogAndTheRestIsLost() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 10), rows(1, 4), List.of(), 2, 2);
        assertThat(r.report().inFlight()).isEqualTo(2);
        assertThat(r.report().lost()).isEqualTo(4);
        assertThat(r.report().lost())
                .isEqualTo(r.report().admitted()
                        - r.report().persisted()
                        - r.report().inFlight()
                        - r.report().failedOpen());
    }

    @Test
    void aBacklogLargerThanTheMissingOnesCountsOnlyTheMissing() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 10), rows(1, 9), List.of(), 500, 500);
        assertThat(r.report().inFlight()).isEqualTo(1);
        assertThat(r.report().lost()).isZero();
    }

    @Test
    void onceDrainedEveryMissingAdmissionIsLostAndListedForHeal() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 5), rows(1, 3), List.of(), 0, 0);
        assertThat(r.report().lost()).isEqualTo(2);
        assertThat(r.report().missingSample()).containsExactly("u4", "u5");
        assertThat(r.missing()).extracting(CouponAdmitted::admissionId).containsExactly(4L, 5L);
    }

    @Test
    void persistedUsersRedisDoesNotKnowAreReportedAndNotCountedAsLost() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(3, 5), rows(1, 5), List.of(), 0, 0);
        assertThat(r.report().unknownToRedis()).isEqualTo(2);
        assertThat(r.report().unknownSample()).containsExactly("u1", "u2");
        assertThat(r.report().lost()).isZero();
        assertThat(r.unknownToRedis()).extracting(CouponAdmitted::userId).containsExactly("u1", "u2");
    }

    @Test
    void failedIssuesRedisDoesNotKnowAreRestoredButNotReportedAsUnknown() {
        List<CouponAdmitted> failed = rows(5, 6);
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 5), rows(1, 4), failed, 0, 0);
        assertThat(r.report().unknownToRedis()).isZero();
        assertThat(r.report().unknownSample()).isEmpty();
        assertThat(r.report().lost()).isZero();
        assertThat(r.unknownToRedis()).extracting(CouponAdmitted::userId).containsExactly("u6");
    }

    @Test
    void samplesHoldAtMostTwentyUsers() {
        Reconciliation r = Reconciliation.of(EVENT, admitted(1, 100), List.of(), List.of(), 0, 0);
        assertThat(r.report().lost()).isEqualTo(100);
        assertThat(r.report().missingSample()).hasSize(Reconciliation.SAMPLE_SIZE);
        assertThat(r.missing()).hasSize(100);
    }

    @Test
    void emptyEventIsAllZero() {
        ReconcileReport report =
                Reconciliation.of(EVENT, Map.of(), List.of(), List.of(), 0, 0).report();
        assertThat(report.admitted()).isZero();
        assertThat(report.lost()).isZero();
        assertThat(report.missingSample()).isEmpty();
    }

    @Test
    void youngAdmissionsAndAdmissionsBeingUndoneAreInFlightNotLost() {
        Instant settledBefore = Instant.parse("2026-11-23T04:00:00Z"); // admission(n) was admitted at this instant
        Map<String, CouponAdmitted> admitted = admitted(1, 10);
        admitted.put(
                "old",
                new CouponAdmitted(EVENT, "old", 11, 11, LocalDate.parse("2026-11-23"), settledBefore.minusSeconds(1)));
        admitted.put(
                "undoing",
                new CouponAdmitted(
                        EVENT, "undoing", 12, 12, LocalDate.parse("2026-11-23"), settledBefore.minusSeconds(1)));

        Reconciliation r =
                Reconciliation.of(EVENT, admitted, rows(1, 4), List.of(), 0, 0, settledBefore, java.util.Set.of(12L));

        assertThat(r.missing()).hasSize(8);
        assertThat(r.report().inFlight()).isEqualTo(7); // six young, one being undone
        assertThat(r.report().lost()).isEqualTo(1);
        assertThat(r.settled()).extracting(CouponAdmitted::userId).containsExactly("old");
    }

    @Test
    void theBacklogExplainsOnlySettledAdmissionsBeyondTheYoungOnes() {
        Instant settledBefore = Instant.parse("2026-11-23T04:00:00Z");
        Map<String, CouponAdmitted> admitted = admitted(1, 4);
        for (int n = 5; n <= 8; n++) {
            admitted.put(
                    "u" + n,
                    new CouponAdmitted(
                            EVENT, "u" + n, n, n, LocalDate.parse("2026-11-23"), settledBefore.minusSeconds(60)));
        }

        Reconciliation r =
                Reconciliation.of(EVENT, admitted, List.of(), List.of(), 2, 2, settledBefore, java.util.Set.of());

        assertThat(r.report().inFlight()).isEqualTo(4 + 2);
        assertThat(r.report().lost()).isEqualTo(2);
    }
}
