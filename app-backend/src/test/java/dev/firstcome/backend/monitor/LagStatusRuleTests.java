package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.LagStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LAGGING means "persisting is more than the threshold behind", not "a few records are waiting". */
class LagStatusRuleTests {

    @Test
    void aSmallBacklogThatDrainsInATenthOfASecondIsNotLagging() {
        // 25 records at 250/s: 0.1 s behind
        assertThat(MonitorService.status(25, 0.1, LagStatus.LAGGING, 5)).isEqualTo(LagStatus.OK);
        assertThat(MonitorService.status(5000, 20, LagStatus.OK, 5)).isEqualTo(LagStatus.LAGGING);
        assertThat(MonitorService.status(0, 0, LagStatus.STALLED, 5)).isEqualTo(LagStatus.OK);
        assertThat(MonitorService.status(6, 12, LagStatus.STALLED, 5)).isEqualTo(LagStatus.STALLED);
    }

    @Test
    void theBacklogsWaitIsMeasuredFromTheFirstSampleWithLagAndNeverNegative() {
        LagTrend trend = new LagTrend(Duration.ofSeconds(10));
        long s = 1_000_000_000L;
        assertThat(trend.backlogSeconds(0)).isZero();
        trend.record(1 * s, Map.of(0, new LagTrend.Offsets(10, 0)));
        trend.record(2 * s, Map.of(0, new LagTrend.Offsets(10, 4)));
        trend.record(3 * s, Map.of(0, new LagTrend.Offsets(10, 6)));
        assertThat(trend.backlogSeconds(4 * s)).isEqualTo(2.0);
        assertThat(trend.backlogSeconds(1 * s)).isZero(); // a clock read before the sample: not negative
        trend.record(5 * s, Map.of(0, new LagTrend.Offsets(16, 0)));
        assertThat(trend.backlogSeconds(6 * s)).isZero();
    }
}
