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

    /** 503 with {@code Retry-After: 1}: a component is down or busy; nothing was changed or promised. */
    public static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(503)
                .header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(HttpStatusCode.valueOf(503), "unavailable", "Service unavailable", detail));
    }

    public static ProblemDetail invalidField(String field, String detail) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), "invalid-field", "Invalid field", detail);
        problem.setProperty("field", field);
        return problem;
    }
}
