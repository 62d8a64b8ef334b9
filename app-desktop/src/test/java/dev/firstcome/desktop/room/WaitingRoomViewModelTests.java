package dev.firstcome.desktop.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeWaitingRoomApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.QueueStats;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitingRoomViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final FakeWaitingRoomApi rooms = new FakeWaitingRoomApi();
    private final WaitingRoomViewModel model = new WaitingRoomViewModel(events, rooms, new InlineUiExecutor());

    private EventView event(String name, WaitingRoom room) {
        return events.create(new EventDraft(
                name,
                10,
                null,
                null,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC",
                false,
                null,
                room));
    }

    @Test
    void offersOnlyEventsWithARoomAndShowsTheFirstOnesFigures() {
        event("No room", null);
        EventView launch = event("Launch", WaitingRoom.of(WaitingRoomMode.FIFO, 30, 50, 300));

        model.refresh();

        assertThat(model.choices()).extracting(EventView::name).containsExactly("Launch");
        assertThat(model.eventProperty().get().id()).isEqualTo(launch.id());
        assertThat(model.outflowProperty().get()).isEqualTo(50);
        QueueStats stats = model.statsProperty().get();
        assertThat(stats.waiting()).isEqualTo(1000);
        assertThat(stats.measuredOutflowPerSecond()).isEqualTo(48.5);
        assertThat(WaitingRoomViewModel.duration(stats.secondsToDrain())).isEqualTo("21 s");
    }

    @Test
    void pauseResumeAndTheOutflowGoToTheRoomAndShowItsAnswer() {
        EventView launch = event("Launch", WaitingRoom.of(WaitingRoomMode.SHUFFLED_PREQUEUE, 30, 50, 300));
        model.refresh();

        model.pause();
        assertThat(model.statsProperty().get().paused()).isTrue();
        assertThat(model.statsProperty().get().secondsToDrain()).isNull();
        model.resume();
        model.outflowProperty().set(250);
        model.applyOutflow();

        assertThat(rooms.calls)
                .containsSubsequence(
                        "pause " + launch.id(), "resume " + launch.id(), "outflow " + launch.id() + " 250");
        assertThat(model.statsProperty().get().outflowPerSecond()).isEqualTo(250);
        assertThat(model.statsProperty().get().paused()).isFalse();
    }

    @Test
    void durationsReadAsAnOperatorWould() {
        assertThat(WaitingRoomViewModel.duration(null)).isEqualTo("unknown");
        assertThat(WaitingRoomViewModel.duration(725L)).isEqualTo("12 min 5 s");
        assertThat(WaitingRoomViewModel.duration(7260L)).isEqualTo("2 h 1 min");
    }
}
