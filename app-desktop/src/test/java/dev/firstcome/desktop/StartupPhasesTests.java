package dev.firstcome.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartupPhasesTests {

    private final AtomicLong nanos = new AtomicLong();
    private final StartupPhases phases = new StartupPhases(nanos::get);

    @Test
    void eachPhaseShowsWhetherItWaitsRunsOrIsDoneWithItsTime() {
        phases.done(StartupPhases.phaseOf("redis"), Duration.ofMillis(1200));
        phases.start("Kafka");
        nanos.addAndGet(3_400_000_000L);

        assertThat(phases.lines())
                .containsExactly(
                        "✓ Redis 1.2 s", "▶ Kafka 3.4 s…", "· database", "· migrations", "· context", "· window");
        assertThat(phases.fraction()).isEqualTo(1.0 / 6);

        phases.finish("Kafka");
        assertThat(phases.lines().get(1)).isEqualTo("✓ Kafka 3.4 s");
    }
}
