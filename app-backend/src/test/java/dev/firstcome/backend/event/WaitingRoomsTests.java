package dev.firstcome.backend.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import org.junit.jupiter.api.Test;

class WaitingRoomsTests {

    @Test
    void anAbsentRoomIsOffAndAGivenOneTakesTheDefaultsForItsAbsentFields() {
        assertThat(WaitingRooms.fromDraft(null)).isEqualTo(WaitingRoom.OFF);
        assertThat(WaitingRooms.fromDraft(new WaitingRoom(WaitingRoomMode.FIFO, null, 40, null)))
                .isEqualTo(WaitingRoom.of(
                        WaitingRoomMode.FIFO,
                        WaitingRoom.DEFAULT_PREQUEUE_MINUTES,
                        40,
                        WaitingRoom.DEFAULT_ENTRY_TOKEN_SECONDS));
    }

    @Test
    void aPatchChangesOnlyTheGivenFields() {
        WaitingRoom current = WaitingRoom.of(WaitingRoomMode.SHUFFLED_PREQUEUE, 60, 100, 120);
        assertThat(WaitingRooms.merge(current, new WaitingRoom(null, null, 250, null)))
                .isEqualTo(WaitingRoom.of(WaitingRoomMode.SHUFFLED_PREQUEUE, 60, 250, 120));
        assertThat(WaitingRooms.merge(current, null)).isSameAs(current);
    }

    @Test
    void eachBadFieldIsNamed() {
        assertField(new WaitingRoom(null, 30, 100, 300), "waitingRoom.mode");
        assertField(new WaitingRoom(WaitingRoomMode.FIFO, -1, 100, 300), "waitingRoom.prequeueOpensMinutesBefore");
        assertField(new WaitingRoom(WaitingRoomMode.FIFO, 30, 0, 300), "waitingRoom.outflowPerSecond");
        assertField(new WaitingRoom(WaitingRoomMode.FIFO, 30, 100_001, 300), "waitingRoom.outflowPerSecond");
        assertField(new WaitingRoom(WaitingRoomMode.FIFO, 30, 100, 9), "waitingRoom.entryTokenSeconds");
        assertThatThrownBy(() -> WaitingRooms.merge(WaitingRoom.OFF, new WaitingRoom(null, null, 0, null)))
                .isInstanceOfSatisfying(
                        EventValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("waitingRoom.outflowPerSecond"));
    }

    private static void assertField(WaitingRoom room, String field) {
        assertThatThrownBy(() -> WaitingRooms.fromDraft(room))
                .isInstanceOfSatisfying(
                        EventValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }
}
