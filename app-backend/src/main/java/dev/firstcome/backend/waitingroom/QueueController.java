package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.QueueAudit;
import dev.firstcome.model.QueueTicket;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customers' waiting room: {@code POST /api/events/{eventId}/queue {userId}} (the user's ticket),
 * {@code GET /api/events/{eventId}/queue/{ticketId}} (poll it), {@code GET .../queue/audit} (the seed
 * and digest of the shuffle, once the event ended).
 */
@RestController
class QueueController {

    private final WaitingRoomApi rooms;
    private final CustomerIdentity identity;
    private final RateLimits limits;

    QueueController(WaitingRoomApi rooms, CustomerIdentity identity, RateLimits limits) {
        this.rooms = rooms;
        this.identity = identity;
        this.limits = limits;
    }

    @PostMapping("/api/events/{eventId}/queue")
    QueueTicket join(
            @PathVariable long eventId,
            @RequestBody(required = false) JoinRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest servlet) {
        if (request == null) {
            throw new dev.firstcome.backend.infra.web.InvalidRequestException(
                    "body", "a body {\"userId\": ...} is required");
        }
        String userId = identity.userId(authorization, request.userId());
        limit(limits.join(eventId, servlet.getRemoteAddr(), UserIds.isValid(userId) ? userId : null));
        return rooms.join(eventId, userId);
    }

    @GetMapping("/api/events/{eventId}/queue/audit")
    QueueAudit audit(@PathVariable long eventId) {
        return rooms.audit(eventId);
    }

    @GetMapping("/api/events/{eventId}/queue/{ticketId}")
    QueueTicket poll(@PathVariable long eventId, @PathVariable String ticketId, HttpServletRequest servlet) {
        limit(limits.poll(eventId, servlet.getRemoteAddr(), ticketId.length() == 32 ? ticketId : null));
        return rooms.poll(eventId, ticketId);
    }

    private static void limit(long retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            throw new RateLimitedException(retryAfterSeconds);
        }
    }

    /** The join body. */
    record JoinRequest(String userId) {}
}
