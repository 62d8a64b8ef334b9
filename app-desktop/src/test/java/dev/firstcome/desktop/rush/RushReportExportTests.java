package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RushReportExportTests {

    static RushReport report(String strategy, double p99, List<OutcomeCount> outcomes) {
        return new RushReport(
                "r1",
                7,
                strategy,
                RushState.COMPLETED,
                100,
                500,
                500,
                outcomes,
                100,
                100,
                0,
                0,
                1234.5,
                new LatencySummary(500, 2, 1, 4, p99, p99 * 2),
                100L,
                true,
                500,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    final List<RushReport> reports = List.of(
            report("lua", 1036, List.of(new OutcomeCount("ISSUED", 100), new OutcomeCount("SOLD_OUT", 400))),
            report("db-pessimistic", 132, List.of(new OutcomeCount("ISSUED", 100), new OutcomeCount("SOLD_OUT", 390))),
            report("db-naive", 120, List.of(new OutcomeCount("ISSUED", 100))));

    @Test
    void csvHasUnitsInTheHeadersAndOneRowPerStrategy() {
        String csv = RushReportExport.csv(reports);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).contains("Throughput (req/s)", "p99 (ms)", "Oversold (coupons)");
        assertThat(lines[1]).startsWith("lua,#7,COMPLETED,100,").contains(",1036.0,");
    }

    @Test
    void markdownListsTheAnswersPerStrategyNotSummed() {
        String markdown = RushReportExport.markdown(reports);
        assertThat(markdown).contains("| Answer | lua | db-pessimistic | db-naive |");
        assertThat(markdown).contains("| SOLD_OUT | 400 | 390 | 0 |");
    }

    @Test
    void aFirstStrategyOnAColdJvmIsCalledOut() {
        assertThat(RushReportExport.coldStartNote(reports)).contains("lua ran first, on a cold JVM");
        assertThat(RushReportExport.coldStartNote(reports.subList(1, 3))).isEmpty();
    }
}
