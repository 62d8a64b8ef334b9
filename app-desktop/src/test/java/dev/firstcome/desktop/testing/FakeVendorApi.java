package dev.firstcome.desktop.testing;

import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.backend.vendor.VendorConflictException;
import dev.firstcome.backend.vendor.VendorNotFoundException;
import dev.firstcome.backend.vendor.VendorValidationException;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vendors in memory with the backend's rules and messages (name required, at most 200 characters and
 * unique; cost 0..1,000,000,000); balances and settlement days as the test sets them.
 */
public final class FakeVendorApi implements VendorApi {

    public static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, VendorView> vendors = new ConcurrentSkipListMap<>();
    private final Map<Long, VendorBalance> balances = new ConcurrentHashMap<>();
    private final Map<Long, List<SettlementDay>> days = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public void setBalance(VendorBalance balance) {
        balances.put(balance.vendorId(), balance);
    }

    public void setSettlement(long vendorId, List<SettlementDay> report) {
        days.put(vendorId, List.copyOf(report));
    }

    @Override
    public VendorView create(VendorDraft draft) {
        calls.add("create " + draft);
        String name = name(draft.name());
        if (draft.costPerRedemption() == null) {
            throw new VendorValidationException("costPerRedemption", "costPerRedemption is required");
        }
        long cost = cost(draft.costPerRedemption());
        requireFree(name, 0);
        long id = ids.incrementAndGet();
        VendorView view = new VendorView(id, name, cost, NOW, NOW);
        vendors.put(id, view);
        return view;
    }

    @Override
    public VendorView update(long vendorId, VendorDraft changes) {
        calls.add("update " + vendorId + " " + changes);
        VendorView current = find(vendorId).orElseThrow(() -> new VendorNotFoundException(vendorId));
        String name = changes.name() == null ? current.name() : name(changes.name());
        long cost =
                changes.costPerRedemption() == null ? current.costPerRedemption() : cost(changes.costPerRedemption());
        requireFree(name, vendorId);
        VendorView view = new VendorView(vendorId, name, cost, current.createdAt(), NOW);
        vendors.put(vendorId, view);
        return view;
    }

    @Override
    public Optional<VendorView> find(long vendorId) {
        return Optional.ofNullable(vendors.get(vendorId));
    }

    @Override
    public List<VendorView> list() {
        return List.copyOf(vendors.values());
    }

    /** The console never books ledger entries (redemption does, on the server). */
    @Override
    public boolean book(dev.firstcome.backend.vendor.LedgerEntry entry) {
        throw new UnsupportedOperationException("the console does not book ledger entries");
    }

    @Override
    public VendorBalance balance(long vendorId) {
        find(vendorId).orElseThrow(() -> new VendorNotFoundException(vendorId));
        return balances.getOrDefault(vendorId, new VendorBalance(vendorId, 0, 0, 0));
    }

    @Override
    public List<SettlementDay> settlement(long vendorId, LocalDate from, LocalDate to, ZoneId zone) {
        calls.add("settlement " + vendorId + " " + from + " " + to + " " + zone);
        find(vendorId).orElseThrow(() -> new VendorNotFoundException(vendorId));
        if (!to.isAfter(from)) {
            throw new VendorValidationException("to", "to must be after from");
        }
        return days.getOrDefault(vendorId, List.of()).stream()
                .filter(d -> !d.day().isBefore(from) && d.day().isBefore(to))
                .toList();
    }

    @Override
    public String settlementCsv(long vendorId, LocalDate from, LocalDate to, ZoneId zone) {
        var csv = new StringBuilder("vendorId,day,redemptions,reversals,owed\n");
        for (SettlementDay d : settlement(vendorId, from, to, zone)) {
            csv.append(d.vendorId() + "," + d.day() + "," + d.redemptions() + "," + d.reversals() + "," + d.owed())
                    .append('\n');
        }
        return csv.toString();
    }

    private void requireFree(String name, long exceptId) {
        if (vendors.values().stream().anyMatch(v -> v.name().equals(name) && v.id() != exceptId)) {
            throw new VendorConflictException("A vendor named '" + name + "' exists already");
        }
    }

    private static String name(String given) {
        if (given == null || given.isBlank()) {
            throw new VendorValidationException("name", "name is required");
        }
        String name = given.trim();
        if (name.length() > 200) {
            throw new VendorValidationException("name", "name must be at most 200 characters");
        }
        return name;
    }

    private static long cost(long cost) {
        if (cost < 0 || cost > 1_000_000_000L) {
            throw new VendorValidationException(
                    "costPerRedemption",
                    "costPerRedemption must be between 0 and 1000000000 (minor units), got " + cost);
        }
        return cost;
    }
}
