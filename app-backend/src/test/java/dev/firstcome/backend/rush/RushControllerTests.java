package dev.firstcome.backend.rush;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.event.EventApi;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of {@code /api/admin/rush}'s HTTP contract (rushes themselves run against real servers). */
@WebMvcTest(RushController.class)
@AutoConfigureMockMvc(addFilters = false)
class RushControllerTests {

    @Autowired
    MockMvc mvc;

    /** The facade and the cancel the controller uses, in one bean as in the application. */
    @MockitoBean
    RushService rush;

    @MockitoBean
    RushRequestValidator validator;

    @MockitoBean
    EventApi events;

    @Test
    void anInvalidRushRequestIs400ProblemNamingTheField() throws Exception {
        given(rush.start(any())).willThrow(new InvalidRushRequestException("users", "users must be between 1 and 5"));

        mvc.perform(post("/api/admin/rush")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"users\":0,\"quantity\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/invalid-field"))
                .andExpect(jsonPath("$.title").value("Invalid field"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.field").value("users"))
                .andExpect(jsonPath("$.detail").value("users must be between 1 and 5"));
    }

    @Test
    void aSynchronousRushOverTheLimitIsRefusedNamingUsersBeforeItStarts() throws Exception {
        given(validator.validate(any()))
                .willReturn(new RushTarget(List.of("lua"), null, 10, null, 1_000_000, 64, 0, 0, 0, "http://x"));

        mvc.perform(post("/api/admin/rush?wait=true")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"users\":1000000,\"quantity\":10}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("users"));
        then(rush).should(never()).run(any(), any());
    }

    @Test
    void aNegativeWarmUpIs400NamingUsers() throws Exception {
        mvc.perform(post("/api/admin/rush/warmup")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"users\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("users"));
    }

    @Test
    void anUnknownRushIs404Problem() throws Exception {
        given(rush.find("nope")).willReturn(Optional.empty());

        mvc.perform(get("/api/admin/rush/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/rush-not-found"));
    }
}
