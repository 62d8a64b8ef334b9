package dev.firstcome.backend.infra.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem bodies with FirstCome's type URIs and an optional {@code field} naming the bad input. */
public final class Problems {

    private static final String BASE = "https://firstcome.dev/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    /** The answer carrying a problem: its status, {@code application/problem+json}. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ProblemDetail invalidField(String field, String detail) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), "invalid-field", "Invalid field", detail);
        problem.setProperty("field", field);
        return problem;
    }
}
