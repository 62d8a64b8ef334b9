package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void rateIsZeroWithoutTwoSamples() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        assertThat(window.ratePerSecond()).isZero();
        window.record(0, 100);
        assertThat(window.ratePerSecond()).isZero();
    }

    @Test
    void rateIsTheCounterIncreasePerSecondAcrossTheWindow() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        for (int second = 0; second <= 5; second++) {
            window.record(second * SECOND, second * 2_000);
        }
        assertThat(window.ratePerSecond()).isCloseTo(2_000, within(0.001));
    }

    @Test
    void samplesOlderThanTheWindowNoLongerCount() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        window.record(0, 0);
        window.record(1 * SECOND, 50_000); // a burst long ago
        for (int second = 12; second <= 20; second++) {
            window.record(second * SECOND, 50_000 + (second - 12) * 100L);
        }
        assertThat(window.ratePerSecond()).isCloseTo(100, within(0.001));
    }

    @Test
    void rateFallsToZeroWhenNothingIsPersistedForAWholeWindow() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        window.record(0, 0);
        window.record(1 * SECOND, 1_000);
        for (int second = 2; second <= 13; second++) {
            window.record(second * SECOND, 1_000);
        }
        assertThat(window.ratePerSecond()).isZero();
    }

    @Test
    void aCounterThatWentDownStartsAfresh() {
        RateWindow window = new RateWindow(Duration.ofSeconds(10));
        window.record(0, 5_000);
        window.record(1 * SECOND, 6_000);
        window.record(2 * SECOND, 10);
        assertThat(window.ratePerSecond()).isZero();
        window.record(3 * SECOND, 60);
        assertThat(window.ratePerSecond()).isCloseTo(50, within(0.001));
    }

    @Test
    void secondsToDrainIsLagDividedByRate() {
        assertThat(RateWindow.secondsToDrain(0, 0)).isZero();
        assertThat(RateWindow.secondsToDrain(0, 500)).isZero();
        assertThat(RateWindow.secondsToDrain(1_000, 500)).isEqualTo(2.0);
    }

    @Test
    void secondsToDrainIsMinusOneWhenThereIsLagButNoProgress() {
        assertThat(RateWindow.secondsToDrain(10, 0)).isEqualTo(-1);
    }
}
