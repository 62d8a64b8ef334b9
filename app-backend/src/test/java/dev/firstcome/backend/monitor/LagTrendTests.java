package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.LagStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagTrendTests {

    private static final long SECOND = 1_000_000_000L;

    private final LagTrend trend = new LagTrend(Duration.ofSeconds(10));

    private void sample(int second, long committed0, long lag0, long committed1, long lag1) {
        trend.record(
                second * SECOND,
                Map.of(0, new LagTrend.Offsets(committed0, lag0), 1, new LagTrend.Offsets(committed1, lag1)));
    }

    @Test
    void noSamplesIsOk() {
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void zeroLagIsOkEvenWhenOffsetsDoNotMove() {
        for (int s = 0; s <= 11; s++) {
            sample(s, 100, 0, 50, 0);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shrinkingLagIsOk() {
        for (int s = 0; s <= 11; s++) {
            sample(s, 100 + s * 100L, 1_000 - s * 80L, 0, 0);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void lagGrowingOverTheWindowWhileConsumingIsLagging() {
        for (int s = 0; s <= 5; s++) {
            sample(s, s * 100L, 50 + s * 200L, s * 100L, 10);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.LAGGING);
    }

    @Test
    void lagWithCommittedOffsetsStillForAFullWindowIsStalled() {
        for (int s = 0; s <= 10; s++) {
            sample(s, 500 + s * 10L, 0, 42, 7);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.STALLED);
    }

    @Test
    void aStillPartitionIsNotStalledBeforeTheWindowIsFull() {
        for (int s = 0; s <= 4; s++) {
            sample(s, 0, 0, 42, 7);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void aPartitionThatMovedInsideTheWindowIsNotStalled() {
        for (int s = 0; s <= 10; s++) {
            sample(s, 0, 0, s < 5 ? 40 : 42, 7);
        }
        assertThat(trend.status()).isNotEqualTo(LagStatus.STALLED);
    }

    @Test
    void recoveryAfterAStallIsOk() {
        for (int s = 0; s <= 10; s++) {
            sample(s, 0, 0, 42, 7);
        }
        sample(11, 0, 0, 49, 0);
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void samplesOlderThanTheWindowAreForgotten() {
        sample(0, 0, 5_000, 0, 0); // a large lag long ago
        for (int s = 20; s <= 25; s++) {
            sample(s, s * 10L, 100 - s, 0, 0);
        }
        assertThat(trend.status()).isEqualTo(LagStatus.OK);
    }
}
