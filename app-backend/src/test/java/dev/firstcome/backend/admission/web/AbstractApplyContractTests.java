package dev.firstcome.backend.admission.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.ApplyResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The apply contract as MockMvc sees it (201 with the rank, 409 with the outcome, 400/404/415/503
 * problems), shared by the two ways the main port can serve it: {@link FastApplyFilterTests} (the default)
 * and {@link ApplyControllerTests} ({@code fast-path=false}). Both render {@link ApplyAnswers}.
 */
abstract class AbstractApplyContractTests {

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected AdmissionApi admission;

    /** Identity off: the body's userId is the customer (identity itself is tested over real HTTP). */
    @MockitoBean
    CustomerIdentity identity;

    @BeforeEach
    void identityOff() {
        given(identity.userId(any(), any())).willAnswer(call -> call.getArgument(1));
    }

    @Test
    void issuedIs201WithRank() throws Exception {
        given(admission.apply(42L, "u1")).willReturn(new ApplyResult(ApplyOutcome.ISSUED, 42, "u1", 17L, 99L));

        mvc.perform(post("/api/events/42/apply")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"u1\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("ISSUED"))
                .andExpect(jsonPath("$.rank").value(17))
                .andExpect(jsonPath("$.admissionId").doesNotExist());
    }

    @Test
    void refusalIs409ProblemWithOutcome() throws Exception {
        given(admission.apply(anyLong(), anyString())).willReturn(ApplyResult.refused(ApplyOutcome.SOLD_OUT, 42, "u1"));

        mvc.perform(post("/api/events/42/apply")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"u1\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.outcome").value("SOLD_OUT"))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void unavailableIs503ProblemWithRetryAfter() throws Exception {
        given(admission.apply(anyLong(), anyString()))
                .willThrow(new AdmissionUnavailableException("Redis is unavailable"));

        mvc.perform(post("/api/events/42/apply")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"u1\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownEventIs404Problem() throws Exception {
        given(admission.apply(anyLong(), anyString())).willThrow(new EventNotFoundException(7));

        mvc.perform(post("/api/events/7/apply")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"u1\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.eventId").value(7));
    }

    @Test
    void wrongMediaTypeIs415Problem() throws Exception {
        mvc.perform(post("/api/events/7/apply")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("u1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
