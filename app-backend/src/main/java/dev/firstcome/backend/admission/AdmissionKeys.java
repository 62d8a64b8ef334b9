package dev.firstcome.backend.admission;

import dev.firstcome.backend.infra.FirstComeNames;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** Redis keys of one event; all share the hash tag {@code {evt:<id>}} so scripts run on Redis Cluster. */
@Component
class AdmissionKeys {

    private final String prefix;

    AdmissionKeys(FirstComeNames names) {
        this.prefix = names.keyPrefix();
    }

    String tag(long eventId) {
        return prefix + ":{evt:" + eventId + "}:";
    }

    String meta(long eventId) {
        return tag(eventId) + "meta";
    }

    String applied(long eventId) {
        return tag(eventId) + "applied";
    }

    String total(long eventId) {
        return tag(eventId) + "total";
    }

    String day(long eventId, LocalDate day) {
        return tag(eventId) + "day:" + day;
    }

    String seq(long eventId) {
        return tag(eventId) + "seq";
    }

    String revoked(long eventId) {
        return tag(eventId) + "revoked";
    }

    List<String> admitKeys(long eventId, LocalDate day) {
        return List.of(meta(eventId), applied(eventId), total(eventId), day(eventId, day), seq(eventId));
    }

    List<String> undoKeys(long eventId, LocalDate day) {
        return List.of(applied(eventId), total(eventId), day(eventId, day), revoked(eventId));
    }

    List<String> limitKeys(long eventId, LocalDate today) {
        return List.of(meta(eventId), total(eventId), day(eventId, today));
    }
}
