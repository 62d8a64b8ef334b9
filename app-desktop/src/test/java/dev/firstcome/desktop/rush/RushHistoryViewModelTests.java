package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeRushApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RushHistoryViewModelTests {

    private final FakeRushApi rush = new FakeRushApi();
    private final RushHistoryViewModel model =
            new RushHistoryViewModel(rush, new InlineUiExecutor(), ZoneId.of("Asia/Seoul"));

    private static RushHistoryEntry entry(String id, String kind, RushState state, String error, double... p99s) {
        var reports = new java.util.ArrayList<dev.firstcome.model.RushReport>();
        String[] strategies = {"lua", "db-pessimistic", "db-naive"};
        for (int i = 0; i < p99s.length; i++) {
            reports.add(RushReportExportTests.report(
                    strategies[i],
                    p99s[i],
                    List.of(new OutcomeCount("ISSUED", 100), new OutcomeCount("SOLD_OUT", 400))));
        }
        var request = new RushRequest(null, null, 100, null, 500, 16, 0.0, 0, 0, null, 0, null);
        return new RushHistoryEntry(
                id,
                kind,
                "console",
                new RushResult(
                        id,
                        state,
                        request,
                        List.copyOf(reports),
                        null,
                        error,
                        Instant.parse("2026-12-02T01:00:00Z"),
                        Instant.parse("2026-12-02T01:00:42Z")));
    }

    @Test
    void refreshListsTheFinishedRushesWithTheirFigures() {
        rush.addHistory(entry("old", RushHistoryEntry.WARMUP, RushState.COMPLETED, null, 80));
        rush.addHistory(entry("new", RushHistoryEntry.RUSH, RushState.COMPLETED, null, 1036, 132));

        model.refresh();

        assertThat(model.entries()).extracting(RushHistoryEntry::rushId).containsExactly("new", "old");
        RushHistoryEntry comparison = model.entries().getFirst();
        // finished at 01:00:42 UTC, shown in the console's zone (Seoul, UTC+9)
        assertThat(model.finishedAt(comparison)).isEqualTo("12-02 10:00:42");
        assertThat(RushHistoryViewModel.kind(comparison)).isEqualTo("rush · console");
        assertThat(RushHistoryViewModel.kind(model.entries().get(1))).startsWith("warm-up");
        assertThat(RushHistoryViewModel.strategies(comparison)).isEqualTo("lua, db-pessimistic");
        assertThat(RushHistoryViewModel.users(comparison)).isEqualTo("500");
        assertThat(RushHistoryViewModel.issued(comparison)).isEqualTo("200");
        assertThat(RushHistoryViewModel.oversold(comparison)).isEqualTo("0");
        assertThat(RushHistoryViewModel.throughput(comparison))
                .as("the best run, not a sum")
                .isEqualTo("1,234");
        assertThat(RushHistoryViewModel.p99(comparison)).as("the worst run").isEqualTo("1036.0");
    }

    @Test
    void aFailedRushShowsItsErrorAndTheStrategiesItWasAskedFor() {
        RushHistoryEntry failed = entry("f", RushHistoryEntry.RUSH, RushState.FAILED, "lab worker 1 exited");

        assertThat(RushHistoryViewModel.state(failed)).isEqualTo("FAILED: lab worker 1 exited");
        assertThat(RushHistoryViewModel.strategies(failed))
                .as("none asked: lua")
                .isEqualTo("lua");
        assertThat(RushHistoryViewModel.p99(failed)).isEqualTo("0.0");
    }

    @Test
    void exportWritesTheSelectedRushsReports(@TempDir Path dir) throws Exception {
        RushHistoryEntry entry = entry("x1", RushHistoryEntry.RUSH, RushState.COMPLETED, null, 1036, 132);

        model.export(entry, dir.resolve("r.csv"), false);
        model.export(entry, dir.resolve("r.md"), true);

        assertThat(Files.readString(dir.resolve("r.csv")))
                .contains("Throughput (req/s)")
                .contains("db-pessimistic");
        assertThat(Files.readString(dir.resolve("r.md"))).contains("| Answer | lua | db-pessimistic |");
        assertThat(model.messageProperty().get()).contains("x1").contains("r.md");
    }
}
