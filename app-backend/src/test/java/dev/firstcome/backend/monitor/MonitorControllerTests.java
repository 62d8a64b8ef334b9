package dev.firstcome.backend.monitor;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.model.EventStats;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the operator figures' HTTP contract (the figures themselves are tested against real servers). */
@WebMvcTest(MonitorController.class)
@AutoConfigureMockMvc(addFilters = false)
class MonitorControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MonitorApi monitor;

    @Test
    void theOutboxBacklogIsItsUnsentEventsPerType() throws Exception {
        given(monitor.outbox())
                .willReturn(new dev.firstcome.model.OutboxStatus(
                        7,
                        java.time.Instant.parse("2030-01-01T00:00:00Z"),
                        java.util.Map.of("OrderStepReached", 5L, "VendorLedgerEntry", 2L)));

        mvc.perform(get("/api/admin/outbox"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unsent").value(7))
                .andExpect(jsonPath("$.oldestPublishedAt").value("2030-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.byType.OrderStepReached").value(5))
                .andExpect(jsonPath("$.byType.VendorLedgerEntry").value(2));
    }

    @Test
    void statsAreTheEventsFigures() throws Exception {
        given(monitor.stats(4L)).willReturn(new EventStats(4, 10, 2, 90, null, 9, 1, 0, 0.0, 12.5));

        mvc.perform(get("/api/admin/events/4/stats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(4))
                .andExpect(jsonPath("$.admitted").value(10))
                .andExpect(jsonPath("$.remaining").value(90))
                .andExpect(jsonPath("$.persistRatePerSecond").value(12.5));
    }

    @Test
    void pipelineListsThePartitions() throws Exception {
        given(monitor.pipeline())
                .willReturn(new PipelineStatus(
                        "group",
                        "topic",
                        5,
                        1.0,
                        5.0,
                        LagStatus.LAGGING,
                        List.of(new PartitionLag("topic", 0, 5, 0, 5)),
                        List.of(
                                new GroupLag("group", "issuance", "topic", 5),
                                new GroupLag("dl", "dead letters", "dlt", -1)),
                        3));

        mvc.perform(get("/api/admin/pipeline"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalLag").value(5))
                .andExpect(jsonPath("$.status").value("LAGGING"))
                .andExpect(jsonPath("$.partitions[0].partition").value(0))
                .andExpect(jsonPath("$.partitions[0].lag").value(5))
                .andExpect(jsonPath("$.groups[0].role").value("issuance"))
                .andExpect(jsonPath("$.groups[1].lag").value(-1))
                .andExpect(jsonPath("$.deadLetterRecords").value(3));
    }

    @Test
    void reconcileAndHealAnswerTheirReports() throws Exception {
        given(monitor.reconcile(4L))
                .willReturn(new ReconcileReport(4, 10, 9, 0, 0, 1, 0, 0, true, List.of("u7"), List.of()));
        given(monitor.heal(4L)).willReturn(new HealReport(4, 1, 0));

        mvc.perform(get("/api/admin/events/4/reconcile"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lost").value(1))
                .andExpect(jsonPath("$.drained").value(true))
                .andExpect(jsonPath("$.missingSample[0]").value("u7"));
        mvc.perform(post("/api/admin/events/4/heal"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.republished").value(1))
                .andExpect(jsonPath("$.restoredToRedis").value(0));
    }

    @Test
    void healBeforeThePipelineDrainedIs409ProblemWithTheBacklog() throws Exception {
        given(monitor.heal(4L)).willThrow(new PipelineNotDrainedException(4, 12));

        mvc.perform(post("/api/admin/events/4/heal"))
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.backlog").value(12));
    }

    @Test
    void unreachableFiguresAre503Problem() throws Exception {
        given(monitor.pipeline()).willThrow(new MonitorUnavailableException("Kafka is unavailable", null));

        mvc.perform(get("/api/admin/pipeline"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Kafka is unavailable"));
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/events/+4/stats"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(monitor);
    }
}
