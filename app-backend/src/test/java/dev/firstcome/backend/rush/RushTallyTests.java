package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RushTallyTests {

    private static final long MS = 1_000_000;

    @Test
    void oversoldCountsIssuedAnswersBeyondTheLimit() {
        RushTally tally = new RushTally(6);
        for (int i = 0; i < 5; i++) {
            tally.answered("u" + i, RushTally.ISSUED, MS);
        }
        tally.answered("u9", "SOLD_OUT", MS);

        RushReport report = report(tally, 3);

        assertThat(report.issuedAnswers()).isEqualTo(5);
        assertThat(report.winners()).isEqualTo(5);
        assertThat(report.oversold()).isEqualTo(2);
        assertThat(report.safe()).isFalse();
    }

    @Test
    void nothingIsOversoldUpToTheLimit() {
        assertThat(RushTally.oversold(10, 10)).isZero();
        assertThat(RushTally.oversold(3, 10)).isZero();
        assertThat(RushTally.oversold(11, 10)).isEqualTo(1);
    }

    @Test
    void duplicatesAreUsersWithMoreThanOneWin() {
        RushTally tally = new RushTally(7);
        tally.answered("a", RushTally.ISSUED, MS);
        tally.answered("a", RushTally.ISSUED, MS);
        tally.answered("a", RushTally.ISSUED, MS);
        tally.answered("b", RushTally.ISSUED, MS);
        tally.answered("b", RushTally.ISSUED, MS);
        tally.answered("c", RushTally.ISSUED, MS);
        tally.answered("c", "ALREADY_APPLIED", MS);

        RushReport report = report(tally, 100);

        assertThat(report.issuedAnswers()).isEqualTo(6);
        assertThat(report.winners()).isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(2);
        assertThat(report.oversold()).isZero();
    }

    @Test
    void outcomesAreCountedByKindMostFrequentFirst() {
        RushTally tally = new RushTally(6);
        tally.answered("a", RushTally.ISSUED, MS);
        tally.answered("b", "SOLD_OUT", MS);
        tally.answered("c", "SOLD_OUT", MS);
        tally.answered("d", RushTally.UNAVAILABLE, MS);
        tally.unanswered("e", RushTally.TIMEOUT);
        tally.unanswered("f", RushTally.ERROR);

        assertThat(tally.outcomes().getFirst()).isEqualTo(new OutcomeCount("SOLD_OUT", 2));
        assertThat(tally.outcomes()).hasSize(5);
        assertThat(tally.completedCount()).isEqualTo(6);
        assertThat(report(tally, 1).count("TIMEOUT")).isEqualTo(1);
    }

    @Test
    void percentilesComeFromTheAnsweredRequestsOnly() {
        RushTally tally = new RushTally(101);
        for (int i = 1; i <= 100; i++) {
            tally.answered("u" + i, "SOLD_OUT", i * MS); // 1 ms .. 100 ms
        }
        tally.unanswered("late", RushTally.TIMEOUT);

        var latency = tally.latency();

        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(latency.p95Ms()).isCloseTo(95, within(0.1));
        assertThat(latency.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(latency.maxMs()).isCloseTo(100, within(0.1));
        assertThat(latency.meanMs()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void throughputIsCompletedRequestsPerSecond() {
        assertThat(RushTally.throughput(5_000, 2_000 * MS)).isEqualTo(2_500.0);
        assertThat(RushTally.throughput(5, 0)).isZero();
    }

    @Test
    void persistedMatchesWhenRowsEqualWinners() {
        RushTally tally = new RushTally(2);
        tally.answered("a", RushTally.ISSUED, MS);
        tally.answered("b", RushTally.ISSUED, MS);

        assertThat(tally.report("r", 1, "lua", RushState.COMPLETED, 2, MS, 2L, Instant.now(), Instant.now())
                        .persistedMatches())
                .isTrue();
        assertThat(tally.report("r", 1, "lua", RushState.COMPLETED, 2, MS, 1L, Instant.now(), Instant.now())
                        .persistedMatches())
                .isFalse();
        assertThat(tally.report("r", 1, "lua", RushState.COMPLETED, 2, MS, null, Instant.now(), Instant.now())
                        .persisted())
                .isNull();
    }

    private static RushReport report(RushTally tally, int limit) {
        return tally.report("r", 1, "lua", RushState.COMPLETED, limit, 1_000 * MS, null, Instant.now(), Instant.now());
    }
}
