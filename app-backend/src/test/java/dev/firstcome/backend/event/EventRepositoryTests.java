package dev.firstcome.backend.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

/**
 * Slice test of {@code coupon_event} through JPA against the real (embedded, migrated) database:
 * Hibernate validates the entity against the migrated schema; each test rolls back.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(SqlDialectConfiguration.class)
class EventRepositoryTests {

    static final Instant STARTS = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant ENDS = Instant.parse("2030-01-02T00:00:00Z");

    @Autowired
    EventRepository events;

    static EventEntity launch() {
        return new EventEntity(
                "launch",
                100,
                10,
                LocalTime.of(9, 0),
                LocalTime.of(18, 0),
                STARTS,
                ENDS,
                "Asia/Seoul",
                false,
                "lua",
                STARTS.minusSeconds(60));
    }

    @Test
    void aSavedEventReadsBackWithEveryColumn() {
        long id = events.saveAndFlush(launch()).id();

        EventView view = events.findById(id).orElseThrow().toView();
        assertThat(view.id()).isEqualTo(id);
        assertThat(view.name()).isEqualTo("launch");
        assertThat(view.totalQuantity()).isEqualTo(100);
        assertThat(view.dailyQuantity()).isEqualTo(10);
        assertThat(view.dailyOpenTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(view.dailyCloseTime()).isEqualTo(LocalTime.of(18, 0));
        assertThat(view.startsAt()).isEqualTo(STARTS);
        assertThat(view.endsAt()).isEqualTo(ENDS);
        assertThat(view.zoneId()).isEqualTo("Asia/Seoul");
        assertThat(view.status()).isEqualTo(EventStatus.ACTIVE);
        assertThat(view.lab()).isFalse();
        assertThat(view.createdAt()).isEqualTo(STARTS.minusSeconds(60));
    }

    @Test
    void findForUpdateFindsTheEventAndNothingForAnUnknownId() {
        long id = events.saveAndFlush(launch()).id();

        assertThat(events.findForUpdate(id))
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(id));
        assertThat(events.findForUpdate(Long.MAX_VALUE)).isEmpty();
    }
}
