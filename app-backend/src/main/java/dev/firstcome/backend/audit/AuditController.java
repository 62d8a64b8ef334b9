package dev.firstcome.backend.audit;

import dev.firstcome.model.AuditEntry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit}: the newest operator actions first (VIEWER and above). */
@RestController
class AuditController {

    private final AuditApi audit;

    AuditController(AuditApi audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    List<AuditEntry> recent(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "100") int limit) {
        return audit.recent(actor, action, target, limit);
    }
}
