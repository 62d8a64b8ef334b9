package dev.firstcome.backend.admission.web;

import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

/**
 * Slice test of the apply endpoint as the default configuration serves it: {@link FastApplyFilter} answers
 * before the DispatcherServlet (the controller is in the slice too, and never reached).
 */
@WebMvcTest(controllers = ApplyController.class)
@Import({ApplyAnswers.class, FastApplyConfiguration.class})
class FastApplyFilterTests extends AbstractApplyContractTests {

    /** Only the filter refuses a non-canonical id ({@code 01}); MVC would read it as 1: the filter answered. */
    @Test
    void nonCanonicalEventIdIs400NamingEventIdBeforeAnyApply() throws Exception {
        mvc.perform(post("/api/events/01/apply")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"u1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("eventId"));
        then(admission).shouldHaveNoInteractions();
    }
}
