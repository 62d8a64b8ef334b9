package dev.firstcome.desktop.commerce;

import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One vendor's settlement: redemptions, reversals and the amount owed per day from {@code from} to
 * {@code to} (both included) in the console's zone, their total, and the same report exported as CSV (the
 * API's {@code settlement.csv}). Starts on this month up to today.
 */
public final class SettlementViewModel {

    private final VendorApi vendors;
    private final MonitorApi monitor;
    private final UiExecutor executor;
    private final ZoneId zone;
    private final ObjectProperty<VendorView> vendor = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<SettlementDay> days = FXCollections.observableArrayList();
    private final ObservableList<SettlementDay> daysView = FXCollections.unmodifiableObservableList(days);
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settlementLag = new ReadOnlyStringWrapper("");

    public SettlementViewModel(VendorApi vendors, MonitorApi monitor, UiExecutor executor, Clock clock) {
        this.vendors = vendors;
        this.monitor = monitor;
        this.executor = executor;
        this.zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        from.set(today.withDayOfMonth(1));
        to.set(today);
        vendor.addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                days.clear();
                total.set("");
                message.set("");
                load();
            }
        });
        from.addListener((o, was, now) -> load());
        to.addListener((o, was, now) -> load());
    }

    /** The vendor whose report is shown (the selected vendor). */
    public ObjectProperty<VendorView> vendorProperty() {
        return vendor;
    }

    /** The first day of the report. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** The last day of the report (included). */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObservableList<SettlementDay> days() {
        return daysView;
    }

    /** "3 days: 12 redemptions, 2 reversals, owed 7,000". */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Why the dates give no report (e.g. "To must be after from"), else empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last export did. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The settlement consumer's lag: the balance and report trail the redemptions by it. */
    public ReadOnlyStringProperty settlementLagProperty() {
        return settlementLag.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }

    /** Reads the report for the vendor and dates, and the settlement consumer's lag. */
    public void load() {
        VendorView current = vendor.get();
        LocalDate first = from.get();
        LocalDate last = to.get();
        String problem = problem(first, last);
        error.set(problem);
        if (current == null || !problem.isEmpty()) {
            days.clear();
            total.set("");
            return;
        }
        long id = current.id();
        executor.submit(
                "Reading the settlement of vendor " + id,
                () -> vendors.settlement(id, first, last.plusDays(1), zone),
                report -> {
                    if (vendor.get() != null && vendor.get().id() == id) {
                        days.setAll(report);
                        total.set(total(report));
                    }
                });
        executor.submit(
                "Reading the consumer lag",
                () -> monitor.pipeline().groups(),
                groups -> settlementLag.set(CouponFunnelViewModel.lag(groups, "settlement")));
    }

    /** Writes the report (the API's CSV) to {@code file}. */
    public void exportCsv(Path file) {
        VendorView current = vendor.get();
        LocalDate first = from.get();
        LocalDate last = to.get();
        if (current == null || !problem(first, last).isEmpty()) {
            return;
        }
        executor.submit(
                "Exporting the settlement of vendor " + current.id(),
                () -> Files.writeString(
                        file,
                        vendors.settlementCsv(current.id(), first, last.plusDays(1), zone),
                        StandardCharsets.UTF_8),
                written -> message.set("Written to " + file));
    }

    /** "vendor-3-settlement-2026-06-01-2026-06-30.csv". */
    public String fileName() {
        VendorView current = vendor.get();
        return "vendor-" + (current == null ? "" : current.id()) + "-settlement-" + from.get() + "-" + to.get()
                + ".csv";
    }

    static String problem(LocalDate first, LocalDate last) {
        if (first == null || last == null) {
            return "Choose the first and the last day";
        }
        if (last.isBefore(first)) {
            return "The last day is before the first";
        }
        if (first.plusDays(366).isBefore(last.plusDays(1))) {
            return "A report spans at most 366 days";
        }
        return "";
    }

    static String total(List<SettlementDay> report) {
        long redemptions = report.stream().mapToLong(SettlementDay::redemptions).sum();
        long reversals = report.stream().mapToLong(SettlementDay::reversals).sum();
        long owed = report.stream().mapToLong(SettlementDay::owed).sum();
        if (report.isEmpty()) {
            return "Nothing settled on these days";
        }
        return report.size() + (report.size() == 1 ? " day: " : " days: ") + CouponFunnelViewModel.count(redemptions)
                + " redemptions, " + CouponFunnelViewModel.count(reversals) + " reversals, owed "
                + CouponFunnelViewModel.count(owed);
    }
}
