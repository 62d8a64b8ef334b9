package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for events (bearer token required, see AdminTokenFilter). */
@RestController
@RequestMapping("/api/admin/events")
class AdminEventController {

    private final EventApi events;

    AdminEventController(EventApi events) {
        this.events = events;
    }

    @PostMapping
    ResponseEntity<EventView> create(@RequestBody(required = false) EventDraft draft) {
        EventView created = events.create(draft);
        return ResponseEntity.created(URI.create("/api/admin/events/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<EventView> list(@RequestParam(defaultValue = "false") boolean includeLab) {
        return events.list(includeLab);
    }

    @GetMapping("/{eventId}")
    EventView get(@PathVariable long eventId) {
        return events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    @PatchMapping("/{eventId}")
    EventView update(@PathVariable long eventId, @RequestBody(required = false) EventChanges changes) {
        return events.update(eventId, changes);
    }

    @PostMapping("/{eventId}/pause")
    EventView pause(@PathVariable long eventId) {
        return events.pause(eventId);
    }

    @PostMapping("/{eventId}/resume")
    EventView resume(@PathVariable long eventId) {
        return events.resume(eventId);
    }

    @PostMapping("/{eventId}/close")
    EventView close(@PathVariable long eventId) {
        return events.close(eventId);
    }
}
