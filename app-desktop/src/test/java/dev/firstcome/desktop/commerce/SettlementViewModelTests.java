package dev.firstcome.desktop.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeMonitorApi;
import dev.firstcome.desktop.testing.FakeVendorApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettlementViewModelTests {

    private final FakeVendorApi vendors = new FakeVendorApi();
    private final SettlementViewModel model = new SettlementViewModel(
            vendors,
            new FakeMonitorApi(),
            new InlineUiExecutor(),
            Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneId.of("Asia/Seoul")));

    private VendorView acme() {
        VendorView acme = vendors.create(new VendorDraft("Acme", 700L));
        vendors.setSettlement(
                acme.id(),
                List.of(
                        new SettlementDay(acme.id(), LocalDate.of(2026, 6, 2), 4, 1, 2100),
                        new SettlementDay(acme.id(), LocalDate.of(2026, 6, 10), 2, 0, 1400),
                        new SettlementDay(acme.id(), LocalDate.of(2026, 6, 11), 9, 0, 6300)));
        return acme;
    }

    @Test
    void theReportStartsOnThisMonthUpToTodayBothIncludedInTheConsolesZone() {
        VendorView acme = acme();

        model.vendorProperty().set(acme);

        assertThat(model.fromProperty().get()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(model.toProperty().get()).isEqualTo(LocalDate.of(2026, 6, 10));
        assertThat(vendors.calls).contains("settlement " + acme.id() + " 2026-06-01 2026-06-11 Asia/Seoul");
        assertThat(model.days())
                .extracting(SettlementDay::day)
                .containsExactly(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 10));
        assertThat(model.totalProperty().get()).isEqualTo("2 days: 6 redemptions, 1 reversals, owed 3,500");
    }

    @Test
    void aLastDayBeforeTheFirstIsRefusedWithoutAsking() {
        VendorView acme = acme();
        model.vendorProperty().set(acme);
        vendors.calls.clear();

        model.toProperty().set(LocalDate.of(2026, 5, 31));

        assertThat(model.errorProperty().get()).isEqualTo("The last day is before the first");
        assertThat(model.days()).isEmpty();
        assertThat(vendors.calls).isEmpty();
        assertThat(SettlementViewModel.problem(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 2)))
                .isEqualTo("A report spans at most 366 days");
        assertThat(SettlementViewModel.problem(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)))
                .as("366 days, both included")
                .isEmpty();
    }

    @Test
    void theExportWritesTheApisCsv(@TempDir Path dir) throws Exception {
        VendorView acme = acme();
        model.vendorProperty().set(acme);
        Path file = dir.resolve(model.fileName());

        model.exportCsv(file);

        assertThat(file.getFileName().toString()).isEqualTo("vendor-1-settlement-2026-06-01-2026-06-10.csv");
        assertThat(Files.readString(file))
                .isEqualTo("vendorId,day,redemptions,reversals,owed\n1,2026-06-02,4,1,2100\n1,2026-06-10,2,0,1400\n");
        assertThat(model.messageProperty().get()).isEqualTo("Written to " + file);
    }
}
