package dev.firstcome.backend.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRulesTests {

    static final Instant START = Instant.parse("2031-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2031-02-01T00:00:00Z");
    static final Set<String> STRATEGIES = Set.of("lua", "db-naive");

    static EventDraft draft(String name, Integer total, Integer daily) {
        return new EventDraft(name, total, daily, null, null, START, END, null, null, null);
    }

    static EventView valid() {
        return EventRules.fromDraft(draft("Launch", 100, 10), ZoneId.of("UTC"), STRATEGIES, START);
    }

    @Test
    void draftGetsTheServersZoneAndTheProductionStrategyByDefault() {
        EventView view =
                EventRules.fromDraft(draft(" Launch ", 100, null), ZoneId.of("Europe/Paris"), STRATEGIES, START);
        assertThat(view.zoneId()).isEqualTo("Europe/Paris");
        assertThat(view.strategy()).isEqualTo("lua");
        assertThat(view.name()).isEqualTo("Launch");
        assertThat(view.lab()).isFalse();
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertField(draft(null, 1, null), "name");
        assertField(draft("x".repeat(201), 1, null), "name");
        assertField(draft("n", null, null), "totalQuantity");
        assertField(draft("n", 0, null), "totalQuantity");
        assertField(draft("n", 5, 0), "dailyQuantity");
        assertField(draft("n", 5, 6), "dailyQuantity");
        assertField(new EventDraft("n", 5, null, null, null, END, START, null, null, null), "endsAt");
        assertField(new EventDraft("n", 5, null, null, null, null, END, null, null, null), "startsAt");
        assertField(new EventDraft("n", 5, null, null, null, START, END, "Nowhere/City", null, null), "zoneId");
        assertField(
                new EventDraft("n", 5, null, LocalTime.of(10, 0), LocalTime.of(10, 0), START, END, null, null, null),
                "dailyCloseTime");
        assertField(new EventDraft("n", 5, null, null, null, START, END, null, false, "db-naive"), "strategy");
        assertField(new EventDraft("n", 5, null, null, null, START, END, null, true, "nope"), "strategy");
    }

    @Test
    void namesWithControlCharactersOrLoneSurrogatesAreRefused() {
        for (String name :
                new String[] {"nul\u0000", "line\nbreak", "tab\there", "del\u007f", "c1\u0085", "half\ud800"}) {
            assertField(draft(name, 5, null), "name");
        }
        assertThat(EventRules.fromDraft(draft("Fête 🎉 café", 5, null), ZoneId.of("UTC"), STRATEGIES, START)
                        .name())
                .isEqualTo("Fête 🎉 café");
    }

    @Test
    void instantsOutsideTheStorableRangeAreRefused() {
        Instant tooLate = Instant.parse("+999999999-12-31T23:59:59Z");
        Instant tooEarly = Instant.ofEpochSecond(12345);
        assertField(new EventDraft("n", 5, null, null, null, START, tooLate, null, null, null), "endsAt");
        assertField(new EventDraft("n", 5, null, null, null, tooEarly, END, null, null, null), "startsAt");
        assertThatThrownBy(() -> EventRules.merge(
                        valid(), new EventChanges(null, null, null, null, null, null, null, null, tooLate)))
                .isInstanceOf(EventValidationException.class)
                .extracting("field")
                .isEqualTo("endsAt");
        assertThatThrownBy(() -> EventRules.merge(
                        valid(), new EventChanges("nul\u0000", null, null, null, null, null, null, null, null)))
                .extracting("field")
                .isEqualTo("name");
    }

    @Test
    void anEventThatHasAlreadyEndedIsNotCreated() {
        assertThatThrownBy(() -> EventRules.fromDraft(draft("late", 5, null), ZoneId.of("UTC"), STRATEGIES, END))
                .isInstanceOf(EventValidationException.class)
                .extracting("field")
                .isEqualTo("endsAt");
    }

    @Test
    void anExplicitlyEmptyZoneOrStrategyIsRefusedNotDefaulted() {
        assertField(new EventDraft("n", 5, null, null, null, START, END, "", null, null), "zoneId");
        assertField(new EventDraft("n", 5, null, null, null, START, END, " ", null, null), "zoneId");
        assertField(new EventDraft("n", 5, null, null, null, START, END, null, true, ""), "strategy");
    }

    @Test
    void labEventsMayUseAnotherStrategy() {
        EventView lab = EventRules.fromDraft(
                new EventDraft("lab", 5, null, null, null, START, END, null, true, "db-naive"),
                ZoneId.of("UTC"),
                STRATEGIES,
                START);
        assertThat(lab.strategy()).isEqualTo("db-naive");
        assertThat(lab.lab()).isTrue();
    }

    @Test
    void mergeChangesOnlyGivenFieldsAndCanClearTheDailyLimit() {
        EventView merged =
                EventRules.merge(valid(), new EventChanges("Renamed", 200, null, true, null, null, null, null, null));
        assertThat(merged.name()).isEqualTo("Renamed");
        assertThat(merged.totalQuantity()).isEqualTo(200);
        assertThat(merged.dailyQuantity()).isNull();
        assertThat(merged.startsAt()).isEqualTo(START);
    }

    @Test
    void mergeRevalidatesTheResult() {
        assertThatThrownBy(() -> EventRules.merge(valid(), EventChanges.limits(5, null)))
                .isInstanceOf(EventValidationException.class)
                .extracting("field")
                .isEqualTo("dailyQuantity");
    }

    static void assertField(EventDraft draft, String field) {
        assertThatThrownBy(() -> EventRules.fromDraft(draft, ZoneId.of("UTC"), STRATEGIES, START))
                .isInstanceOf(EventValidationException.class)
                .extracting("field")
                .isEqualTo(field);
    }
}
