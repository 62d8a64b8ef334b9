package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.infra.FirstComeNames;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** Redis keys of one event; all share the hash tag {@code {evt:<id>}} so scripts run on Redis Cluster. */
@Component
public class AdmissionKeys {

    private final String prefix;

    AdmissionKeys(FirstComeNames names) {
        this.prefix = names.keyPrefix();
    }

    public String tag(long eventId) {
        return prefix + ":{evt:" + eventId + "}:";
    }

    public String meta(long eventId) {
        return tag(eventId) + "meta";
    }

    public String applied(long eventId) {
        return tag(eventId) + "applied";
    }

    public String total(long eventId) {
        return tag(eventId) + "total";
    }

    public String day(long eventId, LocalDate day) {
        return tag(eventId) + "day:" + day;
    }

    public String seq(long eventId) {
        return tag(eventId) + "seq";
    }

    public String revoked(long eventId) {
        return tag(eventId) + "revoked";
    }

    /** Admission ids claimed for republishing (heal, the lost admission repair) -> when, in epoch millis. */
    public String republished(long eventId) {
        return tag(eventId) + "republished";
    }

    /** The replication id of the master that served the event's slot when its state was last checked or rebuilt. */
    public String replicationId(long eventId) {
        return tag(eventId) + "replid";
    }

    public List<String> admitKeys(long eventId, LocalDate day) {
        return List.of(meta(eventId), applied(eventId), total(eventId), day(eventId, day), seq(eventId));
    }

    public List<String> undoKeys(long eventId, LocalDate day) {
        return List.of(applied(eventId), total(eventId), day(eventId, day), revoked(eventId), republished(eventId));
    }

    public List<String> republishKeys(long eventId) {
        return List.of(applied(eventId), revoked(eventId), republished(eventId));
    }

    public List<String> limitKeys(long eventId, LocalDate today) {
        return List.of(meta(eventId), total(eventId), day(eventId, today));
    }
}
