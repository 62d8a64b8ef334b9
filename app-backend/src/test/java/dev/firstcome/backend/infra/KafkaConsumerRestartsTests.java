package dev.firstcome.backend.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaConsumerRestartsTests {

    @Test
    void theDelayDoublesWithEachRestartInARowUpToAMinute() {
        Duration first = Duration.ofSeconds(1);
        assertThat(KafkaConsumerRestarts.delay(first, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(KafkaConsumerRestarts.delay(first, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(KafkaConsumerRestarts.delay(first, 6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(KafkaConsumerRestarts.delay(first, 7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(KafkaConsumerRestarts.delay(first, 1_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(KafkaConsumerRestarts.delay(Duration.ofMinutes(5), 1)).isEqualTo(Duration.ofMinutes(1));
    }
}
