package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.web.Problems;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushStatus;
import dev.firstcome.model.WarmupPlan;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/rush} (admin token). {@code POST} starts a rush and answers {@code 202} with its
 * progress and a {@code Location} to poll ({@code GET /api/admin/rush/{id}}: progress, and the result
 * once finished); {@code ?wait=true} runs it synchronously (at most {@code
 * firstcome.rush.sync-max-requests} requests, 10 minutes) and answers {@code 200} with the result.
 * {@code DELETE /api/admin/rush/{id}} cancels. Warm-ups: {@code POST /api/admin/rush/warmup}.
 */
@RestController
@RequestMapping("/api/admin/rush")
class RushController {

    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(10);
    /** As in the console: a warm-up at most a day before its event opens. */
    private static final int MAX_MINUTES_BEFORE = 1440;

    private final RushApi rush;
    private final RushService service;
    private final RushRequestValidator validator;
    private final EventApi events;
    private final FirstComeProperties.Rush settings;

    RushController(
            RushApi rush,
            RushService service,
            RushRequestValidator validator,
            EventApi events,
            FirstComeProperties properties) {
        this.rush = rush;
        this.service = service;
        this.validator = validator;
        this.events = events;
        this.settings = properties.rush();
    }

    @PostMapping
    ResponseEntity<?> start(@RequestBody RushRequest request, @RequestParam(defaultValue = "false") boolean wait) {
        if (wait) {
            RushTarget target = validator.validate(request);
            if (target.runs() * target.requestsPerRun() > settings.syncMaxRequests()) {
                throw new InvalidRushRequestException(
                        "users",
                        "a synchronous rush sends at most " + settings.syncMaxRequests()
                                + " requests (users x (1 + repeatShare) x strategies); leave out wait=true and poll");
            }
            RushResult result = rush.run(request, SYNC_TIMEOUT);
            return ResponseEntity.ok(result);
        }
        RushHandle handle = rush.start(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/rush/" + handle.id()))
                .body(handle.progress());
    }

    @GetMapping
    List<RushProgress> list() {
        return rush.recent().stream().map(RushHandle::progress).toList();
    }

    @GetMapping("/strategies")
    Set<String> strategies() {
        return rush.strategies();
    }

    /** Finished rushes and warm-ups, newest first ({@code limit} 1 to 200, default 50). */
    @GetMapping("/history")
    List<RushHistoryEntry> history(@RequestParam(defaultValue = "50") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > RushHistory.KEEP) {
            throw new InvalidRushRequestException(
                    "limit", "limit must be a whole number from 1 to " + RushHistory.KEEP);
        }
        return rush.history(n);
    }

    @GetMapping("/{id}")
    ResponseEntity<?> status(@PathVariable String id) {
        return rush.find(id)
                .<ResponseEntity<?>>map(h -> ResponseEntity.ok(new RushStatus(
                        h.progress(), h.result().isDone() ? h.result().join() : null)))
                // forgotten by this server (restarted, or started by another one): the history has it
                .or(() -> rush.finished(id).map(e -> ResponseEntity.ok(new RushStatus(null, e.result()))))
                .orElseGet(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> cancel(@PathVariable String id) {
        return service.cancel(id)
                .<ResponseEntity<?>>map(h -> ResponseEntity.accepted().body(h.progress()))
                .orElseGet(() -> notFound(id));
    }

    /**
     * Body: users (0 = default); runAt (schedule at that instant) or forEventId + minutesBefore
     * (schedule that many minutes before the event opens); neither: now.
     */
    record WarmupRequest(Integer users, Instant runAt, Long forEventId, Integer minutesBefore) {}

    @PostMapping("/warmup")
    ResponseEntity<?> warmUp(@RequestBody(required = false) WarmupRequest request) {
        int users = request == null || request.users() == null ? 0 : request.users();
        if (users < 0) {
            throw new InvalidRushRequestException("users", "users must be 0 (the default) or more");
        }
        if (request != null && request.minutesBefore() != null) {
            if (request.forEventId() == null) {
                throw new InvalidRushRequestException("forEventId", "forEventId is required with minutesBefore");
            }
            if (request.minutesBefore() < 0 || request.minutesBefore() > MAX_MINUTES_BEFORE) {
                throw new InvalidRushRequestException(
                        "minutesBefore", "minutesBefore must be between 0 and " + MAX_MINUTES_BEFORE + " (a day)");
            }
            EventView event = events.find(request.forEventId())
                    .orElseThrow(() -> new EventNotFoundException(request.forEventId()));
            WarmupPlan plan = rush.scheduleWarmUpBefore(event, Duration.ofMinutes(request.minutesBefore()), users);
            return ResponseEntity.accepted().body(plan);
        }
        if (request != null && request.runAt() != null) {
            if (request.forEventId() != null
                    && events.find(request.forEventId()).isEmpty()) {
                throw new EventNotFoundException(request.forEventId());
            }
            WarmupPlan plan = rush.scheduleWarmUp(request.forEventId(), request.runAt(), users);
            return ResponseEntity.accepted().body(plan);
        }
        RushHandle handle = rush.warmUp(users);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/rush/" + handle.id()))
                .body(handle.progress());
    }

    @GetMapping("/warmups")
    List<WarmupPlan> warmUps() {
        return rush.warmUps();
    }

    @DeleteMapping("/warmups/{id}")
    ResponseEntity<?> cancelWarmUp(@PathVariable String id) {
        return rush.cancelWarmUp(id) ? ResponseEntity.noContent().build() : notFound(id);
    }

    private static ResponseEntity<?> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        HttpStatus.NOT_FOUND, "rush-not-found", "Rush not found", "No rush or warm-up " + id));
    }
}
