package dev.firstcome.backend.vendor;

import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class VendorService implements VendorApi {

    static final int MAX_NAME = 200;
    /** 10 million in minor units per redemption: far above any real coupon, far below overflow in reports. */
    static final long MAX_COST = 1_000_000_000L;

    static final int MAX_REPORT_DAYS = 366;

    private final VendorRepository repository;
    private final AuditApi audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    private final LedgerRepository ledger;

    VendorService(
            VendorRepository repository, LedgerRepository ledger, AuditApi audit, Clock clock, TransactionTemplate tx) {
        this.repository = repository;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public VendorView create(VendorDraft draft) {
        if (draft == null) {
            throw new VendorValidationException("body", "a vendor body is required");
        }
        String name = name(draft.name());
        if (draft.costPerRedemption() == null) {
            throw new VendorValidationException("costPerRedemption", "costPerRedemption is required");
        }
        long cost = cost(draft.costPerRedemption());
        Instant now = now();
        VendorView created;
        try {
            created = tx.execute(status -> {
                if (repository.nameTaken(name, 0)) {
                    throw new VendorConflictException("A vendor named '" + name + "' exists already");
                }
                return repository.find(repository.insert(name, cost, now)).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw new VendorConflictException("A vendor named '" + name + "' exists already");
        }
        audit.record("vendor.create", "vendor:" + created.id(), null, created);
        return created;
    }

    @Override
    public VendorView update(long vendorId, VendorDraft changes) {
        if (changes == null) {
            throw new VendorValidationException("body", "a body with the fields to change is required");
        }
        String name = changes.name() == null ? null : name(changes.name());
        Long cost = changes.costPerRedemption() == null ? null : cost(changes.costPerRedemption());
        var before = new VendorView[1];
        VendorView after;
        try {
            after = tx.execute(status -> {
                VendorView current =
                        repository.findForUpdate(vendorId).orElseThrow(() -> new VendorNotFoundException(vendorId));
                before[0] = current;
                String newName = name == null ? current.name() : name;
                long newCost = cost == null ? current.costPerRedemption() : cost;
                if (newName.equals(current.name()) && newCost == current.costPerRedemption()) {
                    return current;
                }
                if (repository.nameTaken(newName, vendorId)) {
                    throw new VendorConflictException("A vendor named '" + newName + "' exists already");
                }
                repository.update(vendorId, newName, newCost, now());
                return repository.find(vendorId).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw new VendorConflictException("A vendor named '" + name + "' exists already");
        }
        if (!after.equals(before[0])) {
            audit.record("vendor.update", "vendor:" + vendorId, before[0], after);
        }
        return after;
    }

    @Override
    public Optional<VendorView> find(long vendorId) {
        return repository.find(vendorId);
    }

    @Override
    public List<VendorView> list() {
        return repository.findAll();
    }

    @Override
    public boolean book(LedgerEntry entry) {
        return ledger.book(entry, clock.instant());
    }

    @Override
    public VendorBalance balance(long vendorId) {
        requireVendor(vendorId);
        return ledger.balance(vendorId);
    }

    @Override
    public List<SettlementDay> settlement(long vendorId, LocalDate from, LocalDate to, ZoneId zone) {
        requireVendor(vendorId);
        if (from == null || to == null) {
            throw new VendorValidationException(from == null ? "from" : "to", "from and to (dates) are required");
        }
        if (!to.isAfter(from)) {
            throw new VendorValidationException("to", "to must be after from");
        }
        if (from.plusDays(MAX_REPORT_DAYS).isBefore(to)) {
            throw new VendorValidationException("to", "a report spans at most " + MAX_REPORT_DAYS + " days");
        }
        return ledger.settlement(
                vendorId,
                from.atStartOfDay(zone).toInstant(),
                to.atStartOfDay(zone).toInstant(),
                zone);
    }

    @Override
    public String settlementCsv(long vendorId, LocalDate from, LocalDate to, ZoneId zone) {
        var csv = new StringBuilder("vendorId,day,redemptions,reversals,owed\n");
        for (SettlementDay d : settlement(vendorId, from, to, zone)) {
            csv.append(d.vendorId())
                    .append(',')
                    .append(d.day())
                    .append(',')
                    .append(d.redemptions())
                    .append(',')
                    .append(d.reversals())
                    .append(',')
                    .append(d.owed())
                    .append('\n');
        }
        return csv.toString();
    }

    private void requireVendor(long vendorId) {
        if (repository.find(vendorId).isEmpty()) {
            throw new VendorNotFoundException(vendorId);
        }
    }

    private static String name(String given) {
        if (given == null || given.isBlank()) {
            throw new VendorValidationException("name", "name is required");
        }
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                throw new VendorValidationException(
                        "name", "name may not contain control characters or surrogate characters");
            }
        }
        String name = given.trim();
        if (name.length() > MAX_NAME) {
            throw new VendorValidationException("name", "name must be at most " + MAX_NAME + " characters");
        }
        return name;
    }

    private static long cost(long cost) {
        if (cost < 0 || cost > MAX_COST) {
            throw new VendorValidationException(
                    "costPerRedemption",
                    "costPerRedemption must be between 0 and " + MAX_COST + " (minor units), got " + cost);
        }
        return cost;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
