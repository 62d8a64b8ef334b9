package dev.firstcome.backend.waitingroom;

import static dev.firstcome.backend.security.SliceSecurity.admin;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the customer page {@code /e/{eventId}}: public, locked down by its headers. It has no facade. */
@WebMvcTest(CustomerPageController.class)
@Import(SliceSecurity.class)
class CustomerPageControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anAnonymousVisitorGetsThePageWithItsPolicies() throws Exception {
        mvc.perform(get("/e/4"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(header().string("Content-Security-Policy", CustomerPageController.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(content().string(containsString("<link rel=\"stylesheet\" href=\"/room/room.css\">")));
    }

    @Test
    void aNonCanonicalEventIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(get("/e/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("eventId"));
    }

    @Test
    void onlyGetIsOpenOnThePage() throws Exception {
        mvc.perform(post("/e/4"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/e/4").with(admin()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
