package dev.firstcome.backend.event;

import dev.firstcome.model.PublicEventView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events/{eventId}}: what customers may see, with live remaining counts. */
@RestController
class PublicEventController {

    private final EventApi events;

    PublicEventController(EventApi events) {
        this.events = events;
    }

    @GetMapping("/api/events/{eventId}")
    PublicEventView event(@PathVariable long eventId) {
        return events.publicView(eventId);
    }
}
