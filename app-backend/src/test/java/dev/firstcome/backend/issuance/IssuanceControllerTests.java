package dev.firstcome.backend.issuance;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the coupons and failed-issues API (persistence itself is tested against real servers). */
@WebMvcTest(IssuanceController.class)
@AutoConfigureMockMvc(addFilters = false)
class IssuanceControllerTests {

    static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    IssuanceApi issuance;

    @Test
    void failedIssuesAreFilteredByEventAndStatusInAnyCase() throws Exception {
        given(issuance.failedIssues(4L, FailedIssueStatus.OPEN))
                .willReturn(List.of(new FailedIssueView(9, 4, "u2", 3, 33, "boom", 2, AT, AT, FailedIssueStatus.OPEN)));

        mvc.perform(get("/api/admin/failed-issues").param("eventId", "4").param("status", " open "))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(9))
                .andExpect(jsonPath("$[0].reason").value("boom"))
                .andExpect(jsonPath("$[0].attempts").value(2))
                .andExpect(jsonPath("$[0].status").value("OPEN"));
    }

    @Test
    void anUnknownStatusIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/failed-issues").param("status", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("status"))
                .andExpect(jsonPath("$.detail").value("status must be OPEN or REISSUED, got 'LOST'"));
        verifyNoInteractions(issuance);
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/admin/failed-issues").param("eventId", "01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("eventId"));
        verifyNoInteractions(issuance);
    }

    @Test
    void reissueAnswersTheReportAndNamesTheOperator() throws Exception {
        given(issuance.reissue(new ReissueRequest(null, 4L, true), "alice"))
                .willReturn(new ReissueReport(true, 3, 0, 0, 0));

        mvc.perform(post("/api/admin/failed-issues/reissue")
                        .principal(new TestingAuthenticationToken("alice", null))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"eventId\":4,\"dryRun\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.requested").value(3))
                .andExpect(jsonPath("$.persisted").value(0));
    }

    @Test
    void aMalformedReissueBodyIs400Problem() throws Exception {
        mvc.perform(post("/api/admin/failed-issues/reissue")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ids\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
        verifyNoInteractions(issuance);
    }
}
