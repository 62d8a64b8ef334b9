package dev.firstcome.backend.waitingroom;

import static dev.firstcome.backend.security.SliceSecurity.admin;
import static dev.firstcome.backend.security.SliceSecurity.operator;
import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.QueueStats;
import dev.firstcome.model.WaitingRoomMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the operators' waiting room API: its HTTP contract and its roles (VIEWER reads, OPERATOR acts). */
@WebMvcTest(AdminQueueController.class)
@Import(SliceSecurity.class)
class AdminQueueControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WaitingRoomApi rooms;

    static QueueStats stats(int outflow, boolean paused) {
        return new QueueStats(
                4, WaitingRoomMode.SHUFFLED_PREQUEUE, 120, 80, 40, outflow, 19.5, 4L, paused, false, true, null);
    }

    @Test
    void statsAreTheRoomsFiguresForAViewer() throws Exception {
        given(rooms.stats(4L)).willReturn(stats(20, false));

        mvc.perform(get("/api/admin/events/4/queue").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(4))
                .andExpect(jsonPath("$.mode").value("SHUFFLED_PREQUEUE"))
                .andExpect(jsonPath("$.ticketsIssued").value(120))
                .andExpect(jsonPath("$.waiting").value(80))
                .andExpect(jsonPath("$.letIn").value(40))
                .andExpect(jsonPath("$.outflowPerSecond").value(20))
                .andExpect(jsonPath("$.secondsToDrain").value(4))
                .andExpect(jsonPath("$.paused").value(false));
    }

    @Test
    void pauseResumeAndOutflowAnswerTheStatsForAnOperator() throws Exception {
        given(rooms.pause(4L)).willReturn(stats(20, true));
        given(rooms.resume(4L)).willReturn(stats(20, false));
        given(rooms.outflow(4L, 50)).willReturn(stats(50, false));

        mvc.perform(post("/api/admin/events/4/queue/pause").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paused").value(true));
        mvc.perform(post("/api/admin/events/4/queue/resume").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paused").value(false));
        mvc.perform(put("/api/admin/events/4/queue/outflow")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outflowPerSecond\":50}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outflowPerSecond").value(50));
    }

    @Test
    void anOutflowWithoutItsFigureIs400ProblemNamingIt() throws Exception {
        mvc.perform(put("/api/admin/events/4/queue/outflow")
                        .with(operator())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("outflowPerSecond"));
        verifyNoInteractions(rooms);
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/events/+4/queue").with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(rooms);
    }

    @Test
    void anonymousIs401AndAViewerMayNotAct() throws Exception {
        mvc.perform(get("/api/admin/events/4/queue"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/admin/events/4/queue/pause").with(viewer()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/admin/events/4/queue/outflow")
                        .with(viewer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outflowPerSecond\":50}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(rooms);
    }

    @Test
    void aRoomThatIsNotOpenIs409ProblemWithItsOpening() throws Exception {
        given(rooms.pause(4L))
                .willThrow(new QueueNotOpenException(4, SliceSecurity.NOW, "the waiting room of event 4 is off"));

        mvc.perform(post("/api/admin/events/4/queue/pause").with(operator()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/queue-not-open"))
                .andExpect(jsonPath("$.eventId").value(4))
                .andExpect(jsonPath("$.opensAt").value("2030-01-01T00:00:00Z"));
    }
}
