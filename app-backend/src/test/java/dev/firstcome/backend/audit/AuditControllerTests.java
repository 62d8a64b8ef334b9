package dev.firstcome.backend.audit;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.model.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the audit trail's HTTP contract. */
@WebMvcTest(AuditController.class)
@AutoConfigureMockMvc(addFilters = false)
class AuditControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AuditApi audit;

    @Test
    void recentPassesTheFiltersAndDefaultsTheLimitTo100() throws Exception {
        given(audit.recent("alice", "event.pause", null, 100))
                .willReturn(List.of(new AuditEntry(
                        3, Instant.parse("2030-01-01T10:00:00Z"), "alice", "event.pause", "event:4", "{}", "{}")));

        mvc.perform(get("/api/admin/audit").param("actor", "alice").param("action", "event.pause"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(3))
                .andExpect(jsonPath("$[0].at").value("2030-01-01T10:00:00Z"))
                .andExpect(jsonPath("$[0].actor").value("alice"))
                .andExpect(jsonPath("$[0].target").value("event:4"));
    }

    @Test
    void anExplicitLimitIsPassedOn() throws Exception {
        given(audit.recent(null, null, "event:4", 5)).willReturn(List.of());

        mvc.perform(get("/api/admin/audit").param("target", "event:4").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aLimitThatIsNoNumberIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/audit").param("limit", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("limit"));
        verifyNoInteractions(audit);
    }
}
