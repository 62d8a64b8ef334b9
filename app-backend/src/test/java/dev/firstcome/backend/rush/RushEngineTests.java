package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RushEngineTests {

    @Test
    void scheduleHoldsEveryUserOncePlusTheRepeatedShare() {
        List<String> schedule = RushEngine.schedule("u", 1_000, 0.25, 42);

        assertThat(schedule).hasSize(1_250);
        assertThat(schedule.stream().distinct().count()).isEqualTo(1_000);
        Map<String, Integer> counts = new HashMap<>();
        schedule.forEach(u -> counts.merge(u, 1, Integer::sum));
        assertThat(counts.values().stream()
                        .mapToInt(Integer::intValue)
                        .filter(n -> n > 1)
                        .sum())
                .isGreaterThan(0);
    }

    @Test
    void scheduleIsTheSameForTheSameSeed() {
        assertThat(RushEngine.schedule("u", 100, 0.5, 7)).isEqualTo(RushEngine.schedule("u", 100, 0.5, 7));
    }

    @Test
    void answersAreClassifiedByStatusAndOutcome() {
        assertThat(RushEngine.classify(201, "{\"outcome\":\"ISSUED\",\"rank\":3}"))
                .isEqualTo("ISSUED");
        assertThat(RushEngine.classify(409, "{\"type\":\"x\",\"outcome\" : \"SOLD_OUT\"}"))
                .isEqualTo("SOLD_OUT");
        assertThat(RushEngine.classify(409, "{\"outcome\":\"ALREADY_APPLIED\"}"))
                .isEqualTo("ALREADY_APPLIED");
        assertThat(RushEngine.classify(409, "{}")).isEqualTo("HTTP_409");
        assertThat(RushEngine.classify(503, "")).isEqualTo("UNAVAILABLE");
        assertThat(RushEngine.classify(400, "{\"field\":\"userId\"}")).isEqualTo("HTTP_400");
        assertThat(RushEngine.classify(404, null)).isEqualTo("HTTP_404");
    }
}
