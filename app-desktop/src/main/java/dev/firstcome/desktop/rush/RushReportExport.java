package dev.firstcome.desktop.rush;

import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A rush's reports as CSV (RFC 4180) or Markdown: one row per strategy with units in the headers, the
 * answers per strategy, and a note when the first strategy ran on a cold JVM.
 */
public final class RushReportExport {

    /** A column: header with its unit, and the value of a report. */
    record Column(String header, Function<RushReport, String> value) {}

    static final List<Column> COLUMNS = List.of(
            new Column("Strategy", RushReport::strategy),
            new Column("Event", r -> "#" + r.eventId()),
            new Column("State", r -> r.state().name()),
            new Column("Limit (coupons)", r -> Long.toString(r.limit())),
            new Column("Requests", r -> Long.toString(r.completed())),
            new Column("Issued answers", r -> Long.toString(r.issuedAnswers())),
            new Column("Winners (users)", r -> Long.toString(r.winners())),
            new Column("Oversold (coupons)", r -> Long.toString(r.oversold())),
            new Column("Duplicates (users)", r -> Long.toString(r.duplicates())),
            new Column("Throughput (req/s)", r -> String.format(Locale.ROOT, "%.0f", r.throughputPerSecond())),
            new Column("p50 (ms)", r -> ms(r.latency().p50Ms())),
            new Column("p95 (ms)", r -> ms(r.latency().p95Ms())),
            new Column("p99 (ms)", r -> ms(r.latency().p99Ms())),
            new Column("max (ms)", r -> ms(r.latency().maxMs())),
            new Column("Persisted (coupons)", r -> r.persisted() == null ? "" : Long.toString(r.persisted())));

    private RushReportExport() {}

    public static String csv(List<RushReport> reports) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", COLUMNS.stream().map(c -> quote(c.header())).toList()))
                .append("\r\n");
        for (RushReport report : reports) {
            out.append(String.join(
                            ",",
                            COLUMNS.stream()
                                    .map(c -> quote(c.value().apply(report)))
                                    .toList()))
                    .append("\r\n");
        }
        return out.toString();
    }

    public static String markdown(List<RushReport> reports) {
        StringBuilder out = new StringBuilder("## Rush report\n\n");
        out.append("| ")
                .append(String.join(" | ", COLUMNS.stream().map(Column::header).toList()))
                .append(" |\n");
        out.append("|").append("---|".repeat(COLUMNS.size())).append("\n");
        for (RushReport report : reports) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            COLUMNS.stream()
                                    .map(c -> c.value().apply(report).replace("|", "\\|"))
                                    .toList()))
                    .append(" |\n");
        }
        List<String> outcomes = outcomes(reports);
        if (!outcomes.isEmpty()) {
            out.append("\n### Answers per strategy\n\n| Answer | ")
                    .append(String.join(
                            " | ", reports.stream().map(RushReport::strategy).toList()))
                    .append(" |\n|---|")
                    .append("---|".repeat(reports.size()))
                    .append("\n");
            for (String outcome : outcomes) {
                out.append("| ").append(outcome);
                for (RushReport report : reports) {
                    out.append(" | ").append(count(report, outcome));
                }
                out.append(" |\n");
            }
        }
        String note = coldStartNote(reports);
        if (!note.isEmpty()) {
            out.append("\n").append(note).append("\n");
        }
        return out.toString();
    }

    /** Every answer any strategy got, sorted. */
    static List<String> outcomes(List<RushReport> reports) {
        var names = new TreeSet<String>();
        reports.forEach(r -> r.outcomes().forEach(o -> names.add(o.outcome())));
        return new ArrayList<>(names);
    }

    static long count(RushReport report, String outcome) {
        return report.outcomes().stream()
                .filter(o -> o.outcome().equals(outcome))
                .mapToLong(OutcomeCount::count)
                .sum();
    }

    /**
     * Says so when the first strategy's p99 is more than three times the others' median p99: it most
     * likely ran on a cold JVM (classes loading, JIT), so its latency is not comparable.
     */
    public static String coldStartNote(List<RushReport> reports) {
        if (reports.size() < 2) {
            return "";
        }
        double first = reports.getFirst().latency().p99Ms();
        double[] rest = reports.stream()
                .skip(1)
                .mapToDouble(r -> r.latency().p99Ms())
                .sorted()
                .toArray();
        double median = rest[rest.length / 2];
        if (median > 0 && first > 3 * median) {
            return String.format(
                    Locale.ROOT,
                    "Note: %s ran first, on a cold JVM (p99 %.0f ms against %.0f ms for the others): run a warm-up"
                            + " first, or compare it again, before reading its latency.",
                    reports.getFirst().strategy(),
                    first,
                    median);
        }
        return "";
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
