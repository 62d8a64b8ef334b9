package dev.firstcome.desktop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFormRulesTests {

    private static EventFormRules.Input input(
            String name, String total, String daily, String open, String close, String start, String end, String zone) {
        return new EventFormRules.Input(name, total, daily, open, close, start, end, zone);
    }

    private static EventFormRules.Input valid() {
        return input("Launch", "100", "10", "09:00", "18:00", "2026-06-01 10:00", "2026-06-30 18:00", "Europe/Berlin");
    }

    @Test
    void aCompleteFormIsValid() {
        assertThat(EventFormRules.validate(valid())).isEmpty();
    }

    @Test
    void optionalFieldsMayStayEmpty() {
        assertThat(EventFormRules.validate(
                        input("Launch", "5", "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .isEmpty();
    }

    @Test
    void nameIsRequiredAndAtMost200Characters() {
        assertThat(EventFormRules.validate(
                        input(" ", "100", "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.NAME);
        assertThat(EventFormRules.validate(
                        input("x".repeat(201), "100", "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.NAME);
        assertThat(EventFormRules.validate(
                        input("x".repeat(200), "100", "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .isEmpty();
    }

    @Test
    void totalMustBePositive() {
        for (String total : new String[] {"0", "-3", "many", ""}) {
            assertThat(EventFormRules.validate(
                            input("a", total, "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                    .containsOnlyKeys(EventField.TOTAL_QUANTITY);
        }
    }

    @Test
    void dailyQuantityIsBetweenOneAndTheTotal() {
        Map<EventField, String> tooMany =
                EventFormRules.validate(input("a", "10", "11", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC"));
        assertThat(tooMany).containsOnlyKeys(EventField.DAILY_QUANTITY);
        assertThat(tooMany.get(EventField.DAILY_QUANTITY)).contains("total");
        assertThat(EventFormRules.validate(
                        input("a", "10", "0", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.DAILY_QUANTITY);
        assertThat(EventFormRules.validate(
                        input("a", "10", "10", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .isEmpty();
    }

    @Test
    void aCloseTimeBeforeTheOpenTimeIsAnOvernightWindowAndAnEqualOneIsRefused() {
        assertThat(EventFormRules.validate(
                        input("a", "10", "", "22:00", "02:00", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .isEmpty();
        assertThat(EventFormRules.windowHint("22:00", "02:00")).isEqualTo("overnight: closes 02:00 the next day");
        assertThat(EventFormRules.windowHint("09:00", "18:00")).isEmpty();
        assertThat(EventFormRules.validate(
                        input("a", "10", "", "18:00", "18:00", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.DAILY_CLOSE_TIME);
        assertThat(EventFormRules.validate(
                        input("a", "10", "", "9 o'clock", "", "2026-06-01 10:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.DAILY_OPEN_TIME);
    }

    @Test
    void theUtcEquivalentFollowsTheZone() {
        assertThat(EventFormRules.utc("2026-06-01 10:00", "Asia/Seoul")).isEqualTo("= 2026-06-01 01:00 UTC");
        assertThat(EventFormRules.utc("2026-06-01 10:00", "Europe/Berlin")).isEqualTo("= 2026-06-01 08:00 UTC");
        assertThat(EventFormRules.utc("soon", "Asia/Seoul")).isEmpty();
    }

    @Test
    void backendMessagesAreShownInWordsNotApiNames() {
        assertThat(EventField.inWords("totalQuantity must be between 1 and 100000000, got 0"))
                .isEqualTo("Total quantity must be between 1 and 100000000, got 0");
        assertThat(EventField.inWords("dailyQuantity must be between 1 and totalQuantity (5), got 6"))
                .isEqualTo("Daily quantity must be between 1 and Total quantity (5), got 6");
        assertThat(EventField.inWords("startsAt is required (ISO-8601 instant)"))
                .isEqualTo("Start is required (date and time)");
    }

    @Test
    void startMustBeBeforeEnd() {
        assertThat(EventFormRules.validate(input("a", "10", "", "", "", "2026-06-30 18:00", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.ENDS_AT);
        assertThat(EventFormRules.validate(input("a", "10", "", "", "", "tomorrow", "2026-06-30 18:00", "UTC")))
                .containsOnlyKeys(EventField.STARTS_AT);
    }

    @Test
    void zoneMustBeAValidIanaZone() {
        assertThat(EventFormRules.validate(
                        input("a", "10", "", "", "", "2026-06-01 10:00", "2026-06-30 18:00", "Mars/Olympus")))
                .containsOnlyKeys(EventField.ZONE_ID);
    }
}
