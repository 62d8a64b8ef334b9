package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.infra.web.Operators;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin view of failed issues with their reissue (a customer's coupons: redemption's controller). */
@RestController
class IssuanceController {

    private final IssuanceApi issuance;

    IssuanceController(IssuanceApi issuance) {
        this.issuance = issuance;
    }

    @GetMapping("/api/admin/failed-issues")
    List<FailedIssueView> failedIssues(
            @RequestParam(required = false) Long eventId, @RequestParam(required = false) String status) {
        return issuance.failedIssues(eventId, parseStatus(status));
    }

    @PostMapping("/api/admin/failed-issues/reissue")
    ReissueReport reissue(@RequestBody ReissueBody body, HttpServletRequest http) {
        return issuance.reissue(
                new ReissueRequest(body.ids(), body.eventId(), Boolean.TRUE.equals(body.dryRun())), Operators.of(http));
    }

    /** The reissue body: {@code ids} or {@code eventId}; {@code dryRun} optional (false). */
    record ReissueBody(List<Long> ids, Long eventId, Boolean dryRun) {}

    private static FailedIssueStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return FailedIssueStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "status must be OPEN or REISSUED, got '" + status + "'");
        }
    }
}
