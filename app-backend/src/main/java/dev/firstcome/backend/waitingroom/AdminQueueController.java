package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.QueueStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' waiting room: {@code GET /api/admin/events/{eventId}/queue} (VIEWER), {@code POST
 * .../queue/pause}, {@code POST .../queue/resume}, {@code PUT .../queue/outflow {outflowPerSecond}}
 * (OPERATOR; audited).
 */
@RestController
@RequestMapping("/api/admin/events/{eventId}/queue")
class AdminQueueController {

    private final WaitingRoomApi rooms;

    AdminQueueController(WaitingRoomApi rooms) {
        this.rooms = rooms;
    }

    @GetMapping
    QueueStats stats(@PathVariable long eventId) {
        return rooms.stats(eventId);
    }

    @PostMapping("/pause")
    QueueStats pause(@PathVariable long eventId) {
        return rooms.pause(eventId);
    }

    @PostMapping("/resume")
    QueueStats resume(@PathVariable long eventId) {
        return rooms.resume(eventId);
    }

    @PutMapping("/outflow")
    QueueStats outflow(@PathVariable long eventId, @RequestBody(required = false) OutflowRequest request) {
        if (request == null || request.outflowPerSecond() == null) {
            throw new InvalidRequestException("outflowPerSecond", "outflowPerSecond is required");
        }
        return rooms.outflow(eventId, request.outflowPerSecond());
    }

    /** The outflow body. */
    record OutflowRequest(Integer outflowPerSecond) {}
}
