package dev.firstcome.backend.waitingroom;

import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.QueueAudit;
import dev.firstcome.model.QueueStatus;
import dev.firstcome.model.QueueTicket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the customers' waiting room API: public, rate limited, problem+json on every refusal. */
@WebMvcTest(QueueController.class)
@Import(SliceSecurity.class)
class QueueControllerTests {

    static final String TICKET = "0123456789abcdef0123456789abcdef";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WaitingRoomApi rooms;

    @MockitoBean
    RateLimits limits;

    static QueueTicket ticket(QueueStatus status, Long position) {
        return new QueueTicket(TICKET, 4, "alice", status, position, 12L, 2, 1000, null, null, SliceSecurity.NOW, null);
    }

    @Test
    void anAnonymousCustomerJoinsAndGetsATicket() throws Exception {
        given(rooms.join(4L, "alice")).willReturn(ticket(QueueStatus.WAITING, 3L));

        mvc.perform(post("/api/events/4/queue")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ticketId").value(TICKET))
                .andExpect(jsonPath("$.eventId").value(4))
                .andExpect(jsonPath("$.userId").value("alice"))
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.position").value(3))
                .andExpect(jsonPath("$.pollAfterMillis").value(1000));
        then(limits).should().join(eq(4L), anyString(), eq("alice"));
    }

    @Test
    void anAnonymousCustomerPollsItsTicket() throws Exception {
        given(rooms.poll(4L, TICKET)).willReturn(ticket(QueueStatus.YOUR_TURN, null));

        mvc.perform(get("/api/events/4/queue/" + TICKET))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("YOUR_TURN"))
                .andExpect(jsonPath("$.ticketId").value(TICKET));
        then(limits).should().poll(eq(4L), anyString(), eq(TICKET));
    }

    @Test
    void theAuditIsPublicOnceTheEventEnded() throws Exception {
        given(rooms.audit(4L)).willReturn(new QueueAudit(4, "fisher-yates", "seed", "digest", 2, List.of("a", "b")));

        mvc.perform(get("/api/events/4/queue/audit"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.algorithm").value("fisher-yates"))
                .andExpect(jsonPath("$.prequeueSize").value(2))
                .andExpect(jsonPath("$.tickets[1]").value("b"));
    }

    @Test
    void aJoinWithoutBodyIs400ProblemNamingItAndReachesNothing() throws Exception {
        mvc.perform(post("/api/events/4/queue").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
        verifyNoInteractions(rooms, limits);
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/events/04/queue/" + TICKET))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(rooms, limits);
    }

    @Test
    void aRateLimitedJoinIs429WithRetryAfterAndNeverJoins() throws Exception {
        given(limits.join(eq(4L), anyString(), eq("alice"))).willReturn(3L);

        mvc.perform(post("/api/events/4/queue")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"alice\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.retryAfterSeconds").value(3));
        then(rooms).should(never()).join(anyLong(), anyString());
    }

    @Test
    void anUnknownTicketIs404AndAnUnpublishedAuditIs409() throws Exception {
        given(rooms.poll(4L, TICKET)).willThrow(new TicketNotFoundException(4, TICKET));
        given(rooms.audit(4L)).willThrow(new AuditNotPublishedException(4, SliceSecurity.NOW));

        mvc.perform(get("/api/events/4/queue/" + TICKET))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/ticket-not-found"));
        mvc.perform(get("/api/events/4/queue/audit"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.publishedAt").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void aMethodNoRuleOpensIsDeniedEvenToAnOperator() throws Exception {
        mvc.perform(delete("/api/events/4/queue/" + TICKET)).andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/events/4/queue/" + TICKET).with(viewer())).andExpect(status().isForbidden());
        verifyNoInteractions(rooms, limits);
    }
}
