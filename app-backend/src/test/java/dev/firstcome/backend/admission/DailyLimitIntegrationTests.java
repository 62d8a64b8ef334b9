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

    @Test
    void anOvernightWindowAcrossMidnightAndTheAutumnClockChangeIsOneDayForTheDailyLimit() {
        // Berlin, night of 2031-10-25/26: 03:00 CEST goes back to 02:00 CET inside the window 22:00-02:00
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CLOCK.set(java.time.Instant.parse("2031-10-25T12:00:00Z"));
        long event = api.createEvent("{\"name\":\"night\",\"totalQuantity\":10,\"dailyQuantity\":3,"
                + "\"dailyOpenTime\":\"22:00\",\"dailyCloseTime\":\"02:00\",\"zoneId\":\"Europe/Berlin\","
                + "\"startsAt\":\"2031-10-25T00:00:00Z\",\"endsAt\":\"2031-10-30T00:00:00Z\"}");

        CLOCK.set(LocalDateTime.of(2031, 10, 25, 21, 59).atZone(berlin).toInstant());
        assertThat(api.apply(event, "early").text("outcome")).isEqualTo("NOT_OPEN");
        Answer before = api.get("/api/events/" + event);
        assertThat(before.body().at("/state/phase").asString()).isEqualTo("OPENS_IN");
        assertThat(before.body().at("/state/next").asString()).isEqualTo("2031-10-25T20:00:00Z");

        CLOCK.set(LocalDateTime.of(2031, 10, 25, 23, 30).atZone(berlin).toInstant());
        Map<String, Long> night = outcomes(Race.run(16, 8, i -> api.apply(event, "n1-" + i)));
        assertThat(night).containsEntry("ISSUED", 3L).containsEntry("DAILY_SOLD_OUT", 5L);

        // after midnight: still the night that began on the 25th, whose daily limit is reached
        CLOCK.set(java.time.Instant.parse("2031-10-25T23:30:00Z")); // 01:30 CEST on the 26th
        assertThat(api.apply(event, "after-midnight").text("outcome")).isEqualTo("DAILY_SOLD_OUT");
        CLOCK.set(java.time.Instant.parse("2031-10-26T00:30:00Z")); // 02:30 CEST: closed at 02:00
        assertThat(api.apply(event, "after-midnight").text("outcome")).isEqualTo("NOT_OPEN");
        CLOCK.set(java.time.Instant.parse("2031-10-26T01:30:00Z")); // 02:30 CET, the hour the clocks repeat
        assertThat(api.apply(event, "after-midnight").text("outcome")).isEqualTo("NOT_OPEN");
        CLOCK.set(java.time.Instant.parse("2031-10-25T23:45:00Z"));
        Answer soldOut = api.get("/api/events/" + event);
        assertThat(soldOut.body().at("/state/phase").asString()).isEqualTo("DAILY_SOLD_OUT");
        assertThat(soldOut.body().at("/state/next").asString()).isEqualTo("2031-10-26T21:00:00Z"); // 22:00 CET

        CLOCK.set(java.time.Instant.parse("2031-10-26T21:00:00Z"));
        assertThat(api.apply(event, "after-midnight").text("outcome")).isEqualTo("ISSUED");
        CLOCK.set(java.time.Instant.parse("2031-10-26T23:30:00Z")); // 00:30 CET on the 27th
        Map<String, Long> second = outcomes(Race.run(16, 8, i -> api.apply(event, "n2-" + i)));
        assertThat(second).containsEntry("ISSUED", 2L).containsEntry("DAILY_SOLD_OUT", 6L);
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(4);
    }

    static Map<String, Long> outcomes(List<Answer> answers) {
        return AbstractApplyRaceTests.outcomes(answers);
    }
}
