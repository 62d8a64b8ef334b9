package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same races, every apply sent to the apply server (its own port, non-blocking path). */
class ApplyServerRaceIntegrationTests extends AbstractApplyRaceTests {

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    JdbcTemplate jdbc;

    @Override
    HttpApi newApi() {
        return new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
    }

    @Test
    void everyWinnerOfTheApplyServerEndsUpWithExactlyOnePersistedCoupon() {
        long event = api.createOpenEvent("apply-server-persisted", 300, null);

        List<Answer> answers = Race.run(64, 2000, i -> api.apply(event, "ps-" + i));

        Set<String> winners = answers.stream()
                .filter(a -> a.status() == 201)
                .map(a -> a.text("userId"))
                .collect(Collectors.toSet());
        assertThat(winners).hasSize(300);
        assertThat(answers).allMatch(a -> a.status() == 201 || "SOLD_OUT".equals(a.text("outcome")));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event)
                        >= 300);
        List<String> persisted =
                jdbc.queryForList("SELECT user_id FROM coupon WHERE event_id = ?", String.class, event);
        assertThat(persisted).hasSize(300);
        assertThat(new HashSet<>(persisted)).isEqualTo(winners);
    }

    @Test
    void theDailyLimitHoldsWhenConcurrentAppliesAreDecidedTogether() {
        long event = api.createOpenEvent("apply-server-daily", 500, 40);

        // half the users apply twice: repeated users can land in one batch of admit.lua
        List<Answer> answers = Race.run(64, 900, i -> api.apply(event, "pd-" + (i % 450)));

        assertThat(outcomes(answers))
                .containsEntry("ISSUED", 40L)
                .containsOnlyKeys("ISSUED", "DAILY_SOLD_OUT", "ALREADY_APPLIED");
        List<Answer> winners = answers.stream().filter(a -> a.status() == 201).toList();
        assertThat(winners).extracting(a -> a.text("userId")).doesNotHaveDuplicates();
        assertThat(winners)
                .extracting(a -> a.number("rank"))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    }
}
