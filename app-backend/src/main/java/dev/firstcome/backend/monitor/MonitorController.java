package dev.firstcome.backend.monitor;

import dev.firstcome.backend.infra.web.Problems;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.OutboxStatus;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator figures: event stats, pipeline lag, reconcile and heal (behind the admin token). */
@RestController
@RequestMapping("/api/admin")
class MonitorController {

    private final MonitorApi monitor;

    MonitorController(MonitorApi monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/events/{eventId}/stats")
    EventStats stats(@PathVariable long eventId) {
        return monitor.stats(eventId);
    }

    @GetMapping("/pipeline")
    PipelineStatus pipeline() {
        return monitor.pipeline();
    }

    /** The transactional outbox's unsent events (ledger entries, order steps). */
    @GetMapping("/outbox")
    OutboxStatus outbox() {
        return monitor.outbox();
    }

    @GetMapping("/events/{eventId}/reconcile")
    ReconcileReport reconcile(@PathVariable long eventId) {
        return monitor.reconcile(eventId);
    }

    @PostMapping("/events/{eventId}/heal")
    HealReport heal(@PathVariable long eventId) {
        return monitor.heal(eventId);
    }

    @ExceptionHandler(PipelineNotDrainedException.class)
    ResponseEntity<ProblemDetail> notDrained(PipelineNotDrainedException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "pipeline-not-drained", "Pipeline not drained", e.getMessage());
        problem.setProperty("backlog", e.backlog());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(MonitorUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(MonitorUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage()));
    }
}
