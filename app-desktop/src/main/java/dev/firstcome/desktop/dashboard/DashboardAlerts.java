package dev.firstcome.desktop.dashboard;

import dev.firstcome.model.EventStats;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PipelineStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dashboard's alert rules: failed coupons, lag above the threshold, the pipeline stalled. */
final class DashboardAlerts {

    private DashboardAlerts() {}

    /** The alerts for these figures (either may be null), in the order the dashboard shows them. */
    static List<String> of(EventStats current, PipelineStatus status, double lagThresholdSeconds) {
        List<String> found = new ArrayList<>();
        if (current != null && current.failedOpen() > 0) {
            found.add(String.format(
                    Locale.ROOT,
                    "%,d coupons failed to persist: see Failed coupons and reissue",
                    current.failedOpen()));
        }
        if (status != null && status.lagSeconds() > lagThresholdSeconds) {
            found.add(String.format(
                    Locale.ROOT,
                    "Persisting is %.1f s behind (alert above %.0f s)",
                    status.lagSeconds(),
                    lagThresholdSeconds));
        }
        if (status != null && status.status() == LagStatus.STALLED) {
            found.add("The issuance consumer is stalled: Kafka or the database may be down");
        }
        return found;
    }
}
