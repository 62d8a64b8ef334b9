package dev.firstcome.backend.infra.web;

import static dev.firstcome.backend.security.SliceSecurity.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Slice test of the container's error page as problem+json. The container's forward is played by the request
 * attributes it sets; {@code /error} is open to everyone (its answer says nothing an anonymous caller may not see).
 */
@WebMvcTest(ProblemErrorController.class)
@Import(SliceSecurity.class)
class ProblemErrorControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void askedDirectlyErrorIsA404LikeAnyUnknownPath() throws Exception {
        mvc.perform(get("/error"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("No resource at /error"))
                .andExpect(jsonPath("$.instance").value("/error"));
    }

    @Test
    void aContainer400IsABadRequestProblemAtTheFailedPath() throws Exception {
        mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/events/4/apply"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/bad-request"))
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.instance").value("/api/events/4/apply"));
    }

    @Test
    void anEscapedExceptionIsA500ProblemWithoutItsMessage() throws Exception {
        mvc.perform(post("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/admin/events")
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret-detail")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/internal-error"))
                .andExpect(jsonPath("$.detail").value(containsString("it was logged")))
                .andExpect(content().string(not(containsString("secret-detail"))));
    }

    @Test
    void aFailedPathThatIsNotPrintableIsNotEchoed() throws Exception {
        mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/a b\u2028"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No such resource"))
                .andExpect(jsonPath("$.instance").value("/error"));
    }

    @Test
    void anyoneMayReachTheErrorPage() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Forbidden"));
        mvc.perform(get("/error").with(admin()).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Forbidden"));
    }
}
