package dev.firstcome.backend.event;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.PublicEventView;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the customers' event view. */
@WebMvcTest(PublicEventController.class)
@AutoConfigureMockMvc(addFilters = false)
class PublicEventControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventApi events;

    @Test
    void anEventIs200WithItsRemainingCounts() throws Exception {
        given(events.publicView(4L))
                .willReturn(new PublicEventView(
                        4,
                        "launch",
                        EventStatus.ACTIVE,
                        Instant.parse("2030-01-01T00:00:00Z"),
                        Instant.parse("2030-01-02T00:00:00Z"),
                        null,
                        null,
                        "UTC",
                        42,
                        null,
                        new EventState(
                                4,
                                EventPhase.OPENS_IN,
                                Instant.parse("2030-01-01T00:00:00Z"),
                                "UTC",
                                Instant.parse("2029-12-31T23:00:00Z"))));

        mvc.perform(get("/api/events/4"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(4))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.remaining").value(42))
                .andExpect(jsonPath("$.zoneId").value("UTC"))
                .andExpect(jsonPath("$.state.phase").value("OPENS_IN"))
                .andExpect(jsonPath("$.state.next").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void anUnknownEventIs404Problem() throws Exception {
        given(events.publicView(8L)).willThrow(new EventNotFoundException(8));

        mvc.perform(get("/api/events/8"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.eventId").value(8));
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/events/-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(events);
    }
}
