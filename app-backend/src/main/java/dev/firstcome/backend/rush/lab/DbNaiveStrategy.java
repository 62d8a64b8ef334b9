package dev.firstcome.backend.rush.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * {@code db-naive}, the race the sources start from: read the counter, check it, check the user,
 * write the counter back as read + 1 and insert the claim, each statement on its own (autocommit).
 * Concurrent requests read the same value: the event oversells, the counter loses updates ("10
 * updates ending at 2") and one user can win twice. Unsafe on purpose. Total limit only.
 */
@Component
class DbNaiveStrategy implements AdmissionStrategy {

    static final String NAME = "db-naive";

    private final LabStockStore store;

    DbNaiveStrategy(LabStockStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        long id = event.eventId();
        store.ensureStock(id);
        int issued = store.issued(id);
        if (issued >= event.totalQuantity()) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        if (store.claimed(id, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        store.setIssued(id, issued + 1);
        long claimId = store.claim(id, userId, issued + 1, now);
        return new Decision(ApplyOutcome.ISSUED, issued + 1, claimId);
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        store.unclaim(event.eventId(), decision.admissionId());
        store.decrement(event.eventId());
    }
}
