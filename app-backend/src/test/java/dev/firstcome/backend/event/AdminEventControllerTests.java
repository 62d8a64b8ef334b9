package dev.firstcome.backend.event;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the operator event API's HTTP contract (its security rules are tested over real HTTP). */
@WebMvcTest(AdminEventController.class)
@AutoConfigureMockMvc(addFilters = false)
class AdminEventControllerTests {

    static final Instant STARTS = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant ENDS = Instant.parse("2030-01-02T00:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventApi events;

    static EventView event(long id, EventStatus status) {
        return new EventView(
                id, "launch", 100, null, null, null, STARTS, ENDS, "UTC", status, false, null, STARTS, STARTS);
    }

    @Test
    void createIs201WithLocationAndTheEvent() throws Exception {
        given(events.create(any())).willReturn(event(7, EventStatus.ACTIVE));

        mvc.perform(post("/api/admin/events")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"launch","totalQuantity":100,"startsAt":"2030-01-01T00:00:00Z",
                                 "endsAt":"2030-01-02T00:00:00Z","zoneId":"UTC"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/admin/events/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.name").value("launch"))
                .andExpect(jsonPath("$.totalQuantity").value(100))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.startsAt").value("2030-01-01T00:00:00Z"));
        then(events).should().create(any());
    }

    @Test
    void listPassesIncludeLabAndAnswersAnArray() throws Exception {
        given(events.list(true)).willReturn(List.of(event(1, EventStatus.ACTIVE), event(2, EventStatus.PAUSED)));

        mvc.perform(get("/api/admin/events").param("includeLab", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].id").value(2))
                .andExpect(jsonPath("$[1].status").value("PAUSED"));
    }

    @Test
    void anUnknownEventIs404Problem() throws Exception {
        given(events.find(9L)).willReturn(Optional.empty());

        mvc.perform(get("/api/admin/events/9"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.eventId").value(9))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void updatePassesTheChanges() throws Exception {
        given(events.update(5L, EventChanges.limits(50, null))).willReturn(event(5, EventStatus.ACTIVE));

        mvc.perform(patch("/api/admin/events/5")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"totalQuantity\":50}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(5));
    }

    @Test
    void pauseResumeAndCloseAnswerTheEvent() throws Exception {
        given(events.pause(3L)).willReturn(event(3, EventStatus.PAUSED));
        given(events.resume(3L)).willReturn(event(3, EventStatus.ACTIVE));
        given(events.close(3L)).willReturn(event(3, EventStatus.CLOSED));

        mvc.perform(post("/api/admin/events/3/pause"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAUSED"));
        mvc.perform(post("/api/admin/events/3/resume"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post("/api/admin/events/3/close"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"));
    }

    @Test
    void aStateConflictIs409Problem() throws Exception {
        given(events.resume(3L)).willThrow(new EventStateConflictException("a closed event cannot be resumed"));

        mvc.perform(post("/api/admin/events/3/resume"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("a closed event cannot be resumed"));
    }

    @Test
    void aRefusedFieldIs400ProblemNamingIt() throws Exception {
        given(events.create(any())).willThrow(new EventValidationException("totalQuantity", "must be positive"));

        mvc.perform(post("/api/admin/events")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"totalQuantity\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("totalQuantity"));
    }

    @Test
    void aMalformedBodyIs400ProblemAndNeverReachesTheFacade() throws Exception {
        mvc.perform(post("/api/admin/events")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
        verifyNoInteractions(events);
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/events/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(events);
    }
}
