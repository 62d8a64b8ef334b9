package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.MutableClock;
import dev.firstcome.backend.support.Race;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Daily limits across days, with the clock moved by the test. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=daily")
class DailyLimitIntegrationTests {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final MutableClock CLOCK = new MutableClock(at(1, 0, 0), SEOUL);

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    static java.time.Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2031, 3, day, hour, minute).atZone(SEOUL).toInstant();
    }

    @Test
    void dailyLimitOfTenOnThirtyCouponEventSpreadsOverDays() {
        CLOCK.set(at(1, 0, 0));
        long event = api.createEvent("{\"name\":\"daily\",\"totalQuantity\":30,\"dailyQuantity\":10,"
                + "\"dailyOpenTime\":\"09:00\",\"dailyCloseTime\":\"21:00\",\"zoneId\":\"Asia/Seoul\","
                + "\"startsAt\":\"" + at(1, 0, 0) + "\",\"endsAt\":\"" + at(3, 18, 0) + "\"}");

        CLOCK.set(at(1, 8, 59));
        assertThat(api.apply(event, "early").text("outcome")).isEqualTo("NOT_OPEN");

        CLOCK.set(at(1, 9, 0));
        Map<String, Long> day1 = outcomes(Race.run(32, 15, i -> api.apply(event, "d1-" + i)));
        assertThat(day1).containsEntry("ISSUED", 10L).containsEntry("DAILY_SOLD_OUT", 5L);
        assertThat(api.admin("GET", "/api/events/" + event, null).number("remainingToday"))
                .isZero();

        CLOCK.set(at(1, 21, 0));
        assertThat(api.apply(event, "late").text("outcome")).isEqualTo("NOT_OPEN");

        CLOCK.set(at(2, 8, 0));
        assertThat(api.apply(event, "d1-14").text("outcome")).isEqualTo("NOT_OPEN");

        CLOCK.set(at(2, 9, 0));
        Map<String, Long> day2 = outcomes(Race.run(32, 15, i -> api.apply(event, "d2-" + i)));
        assertThat(day2).containsEntry("ISSUED", 10L).containsEntry("DAILY_SOLD_OUT", 5L);
        // a user refused yesterday for the daily limit may win today; yesterday's winners may not
        assertThat(api.apply(event, "d1-0").text("outcome")).isIn("ALREADY_APPLIED", "DAILY_SOLD_OUT");

        CLOCK.set(at(3, 9, 0));
        Map<String, Long> day3 = outcomes(Race.run(32, 15, i -> api.apply(event, "d3-" + i)));
        assertThat(day3).containsEntry("ISSUED", 10L);
        assertThat(api.apply(event, "d3-extra").text("outcome")).isEqualTo("SOLD_OUT");

        CLOCK.set(at(3, 18, 0));
        assertThat(api.apply(event, "after-end").text("outcome")).isEqualTo("ENDED");
        Answer stats = api.get("/api/events/" + event);
        assertThat(stats.number("remaining")).isZero();
    }

    @Test
    void applyBeforeStartIsNotOpenAndAfterEndIsEnded() {
        CLOCK.set(at(10, 12, 0));
        long event = api.createEvent("{\"name\":\"window\",\"totalQuantity\":5,\"zoneId\":\"Asia/Seoul\","
                + "\"startsAt\":\"" + at(11, 0, 0) + "\",\"endsAt\":\"" + at(12, 0, 0) + "\"}");

        Answer early = api.apply(event, "w1");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("outcome")).isEqualTo("NOT_OPEN");

        CLOCK.set(at(11, 0, 0));
        assertThat(api.apply(event, "w1").status()).isEqualTo(201);

        CLOCK.set(at(12, 0, 0));
        assertThat(api.apply(event, "w2").text("outcome")).isEqualTo("ENDED");
    }

    static Map<String, Long> outcomes(List<Answer> answers) {
        return AbstractApplyRaceTests.outcomes(answers);
    }
}
