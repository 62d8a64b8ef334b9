package dev.firstcome.backend.security;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the token API's HTTP contract (who may call it is tested over real HTTP). */
@WebMvcTest(OperatorTokenController.class)
@AutoConfigureMockMvc(addFilters = false)
class OperatorTokenControllerTests {

    static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OperatorTokenApi tokens;

    static OperatorTokenView token(long id, Instant revokedAt) {
        return new OperatorTokenView(
                id, "ci", OperatorRole.VIEWER, AT, "admin", revokedAt, revokedAt == null ? null : "admin");
    }

    @Test
    void listNeverShowsASecret() throws Exception {
        given(tokens.list()).willReturn(List.of(token(1, null)));

        mvc.perform(get("/api/admin/tokens"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(1))
                .andExpect(jsonPath("$[0].role").value("VIEWER"))
                .andExpect(jsonPath("$[0].revokedAt").doesNotExist())
                .andExpect(jsonPath("$[0].secret").doesNotExist());
    }

    @Test
    void createIs201WithLocationAndTheSecretOnce() throws Exception {
        given(tokens.create(new OperatorTokenDraft("ci", OperatorRole.VIEWER)))
                .willReturn(new IssuedOperatorToken(token(5, null), "fc_secret"));

        mvc.perform(post("/api/admin/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ci\",\"role\":\"VIEWER\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/admin/tokens/5"))
                .andExpect(jsonPath("$.token.id").value(5))
                .andExpect(jsonPath("$.secret").value("fc_secret"));
    }

    @Test
    void aRefusedDraftIs400ProblemNamingTheField() throws Exception {
        given(tokens.create(new OperatorTokenDraft("ci", null)))
                .willThrow(new InvalidRequestException("role", "role is required: VIEWER, OPERATOR or ADMIN"));

        mvc.perform(post("/api/admin/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ci\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("role"));
    }

    @Test
    void aMalformedBodyIs400Problem() throws Exception {
        mvc.perform(post("/api/admin/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
        verifyNoInteractions(tokens);
    }

    @Test
    void revokeAnswersTheRevokedToken() throws Exception {
        given(tokens.revoke(5L)).willReturn(token(5, AT));

        mvc.perform(delete("/api/admin/tokens/5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(5))
                .andExpect(jsonPath("$.revokedAt").value("2030-01-01T10:00:00Z"))
                .andExpect(jsonPath("$.revokedBy").value("admin"));
    }

    @Test
    void revokingAnUnknownTokenIs404Problem() throws Exception {
        given(tokens.revoke(6L)).willThrow(new OperatorTokenNotFoundException(6));

        mvc.perform(delete("/api/admin/tokens/6"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void aNonCanonicalIdIs400ProblemNamingIt() throws Exception {
        mvc.perform(delete("/api/admin/tokens/x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("id"));
        verifyNoInteractions(tokens);
    }
}
