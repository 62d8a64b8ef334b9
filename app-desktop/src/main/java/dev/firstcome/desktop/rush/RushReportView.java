package dev.firstcome.desktop.rush;

import dev.firstcome.model.RushReport;
import dev.firstcome.model.StrategyResult;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The rush dialog's report: answers, runs, latency, comparison, crashes and waiting-room tabs, exports. */
final class RushReportView {

    private final RushViewModel model;
    /** The window the export file chooser belongs to. */
    private final Window owner;

    private final BarChart<String, Number> latency = new BarChart<>(new CategoryAxis(), new NumberAxis());

    RushReportView(RushViewModel model, Window owner) {
        this.model = model;
        this.owner = owner;
    }

    private final Label coldNote = new Label();

    javafx.scene.Node create() {
        // Answers: one column per strategy (never summed across strategies)
        TableView<String> outcomes = new TableView<>(answerRows);
        outcomes.setId("rush-outcomes");
        model.reports().addListener((ListChangeListener<RushReport>) change -> showAnswers(outcomes));
        TableView<RushReport> runs = new TableView<>(model.reports());
        runs.setId("rush-reports");
        for (RushReportExport.Column c : RushReportExport.COLUMNS) {
            runs.getColumns().add(column(c.header(), c.value()));
        }
        runs.setRowFactory(view -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(RushReport report, boolean empty) {
                super.updateItem(report, empty);
                getStyleClass().remove("unsafe");
                if (!empty && report != null && !report.safe()) {
                    getStyleClass().add("unsafe");
                }
            }
        });
        TableView<StrategyResult> comparison = new TableView<>(model.comparison());
        comparison.setId("rush-comparison");
        comparison
                .getColumns()
                .addAll(
                        column("Strategy", StrategyResult::strategy),
                        column("Winners (users)", r -> count(r.winners())),
                        column("Limit (coupons)", r -> count(r.limit())),
                        column("Oversold (coupons)", r -> count(r.oversold())),
                        column("Duplicates (users)", r -> count(r.duplicates())),
                        column("Throughput (req/s)", r -> String.format(Locale.ROOT, "%,.0f", r.throughputPerSecond())),
                        column("p99 (ms)", r -> ms(r.p99Ms())),
                        column("Persisted (coupons)", r -> r.persisted() == null ? "—" : count(r.persisted())));
        for (TableView<?> table : new TableView<?>[] {outcomes, runs, comparison}) {
            // columns keep their header's width (never "Str..."), the table scrolls sideways; resizable
            table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        }
        latency.setId("rush-latency");
        latency.setTitle("Latency percentiles per strategy (ms)");
        latency.setAnimated(false);
        latency.setMinHeight(260);
        latency.getYAxis().setLabel("ms");
        model.reports().addListener((ListChangeListener<RushReport>) change -> showLatency());
        TabPane tabs = new TabPane(
                new Tab("Answers", outcomes),
                new Tab("Runs", runs),
                new Tab("Latency", latency),
                new Tab("Comparison", comparison));
        tabs.getTabs().add(createCrashes());
        tabs.getTabs().add(RushRoomViews.results(model.reports()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(330);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        coldNote.setId("rush-cold-note");
        coldNote.setWrapText(true);
        coldNote.getStyleClass().add("text-muted");
        model.reports().addListener((ListChangeListener<RushReport>)
                change -> coldNote.setText(RushReportExport.coldStartNote(List.copyOf(model.reports()))));
        Button csv = new Button("Export CSV…");
        csv.setId("rush-export-csv");
        csv.setOnAction(event -> export("rush-report.csv", RushReportExport.csv(List.copyOf(model.reports()))));
        Button markdown = new Button("Export Markdown…");
        markdown.setId("rush-export-markdown");
        markdown.setOnAction(
                event -> export("rush-report.md", RushReportExport.markdown(List.copyOf(model.reports()))));
        csv.disableProperty().bind(Bindings.isEmpty(model.reports()));
        markdown.disableProperty().bind(Bindings.isEmpty(model.reports()));
        HBox exports = new HBox(8, coldNote, new javafx.scene.layout.Pane(), csv, markdown);
        HBox.setHgrow(exports.getChildren().get(1), Priority.ALWAYS);
        exports.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, tabs, exports);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private final javafx.collections.ObservableList<String> answerRows =
            javafx.collections.FXCollections.observableArrayList();

    private void showAnswers(TableView<String> outcomes) {
        List<RushReport> reports = List.copyOf(model.reports());
        outcomes.getColumns().clear();
        TableColumn<String, String> answer = column("Answer", text -> text);
        // ALREADY_APPLIED, UNAVAILABLE, HTTP_429: the longest answers, whole
        answer.setMinWidth(170);
        outcomes.getColumns().add(answer);
        for (RushReport report : reports) {
            outcomes.getColumns()
                    .add(column(
                            report.strategy() + " (answers)",
                            outcome -> count(RushReportExport.count(report, outcome))));
        }
        answerRows.setAll(RushReportExport.outcomes(reports));
    }

    private void export(String name, String text) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName(name);
        java.io.File file = chooser.showSaveDialog(owner);
        if (file != null) {
            model.export(file.toPath(), text);
        }
    }

    /** Per run: counted against really claimed, and what the fault cost. */
    private Tab createCrashes() {
        TableView<RushReport> crashes = new TableView<>(model.reports());
        crashes.setId("rush-crashes");
        crashes.getColumns()
                .addAll(
                        column("Strategy", RushReport::strategy),
                        column(
                                "Runs in",
                                r -> r.crash().workers() == 0
                                        ? "server"
                                        : r.crash().workers() + " JVM(s)"),
                        column("Fault", r -> r.crash().fault()),
                        column("Claimed", r -> count(r.issuedAnswers())),
                        column(
                                "Counted",
                                r -> r.crash().counted() == null
                                        ? "—"
                                        : count(r.crash().counted())),
                        column("Lost counts", r -> count(r.crash().lostCounts())),
                        column("Phantom", r -> count(r.crash().phantomCounts())),
                        column("Oversold", r -> count(r.oversold())),
                        column("Duplicates", r -> count(r.duplicates())),
                        column("Lost in flight", r -> count(r.crash().lostInFlight())),
                        column("Unreachable", r -> count(r.crash().unreachable())),
                        column(
                                "Back after",
                                r -> r.crash().recoveryMillis() == null
                                        ? "—"
                                        : String.format(
                                                Locale.ROOT, "%.1f s", r.crash().recoveryMillis() / 1000.0)));
        // twelve columns do not fit 1000 px with full strategy names and faults: each column as wide as
        // its widest cell, and a horizontal scroll bar when they do not fit, rather than cut texts
        crashes.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        fitToContent(crashes);
        model.reports().addListener((ListChangeListener<RushReport>) change -> fitToContent(crashes));
        return new Tab("Crashes", crashes);
    }

    private void showLatency() {
        latency.getData().clear();
        for (RushReport report : model.reports()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(report.strategy());
            var l = report.latency();
            series.getData().add(new XYChart.Data<>("p50", l.p50Ms()));
            series.getData().add(new XYChart.Data<>("p95", l.p95Ms()));
            series.getData().add(new XYChart.Data<>("p99", l.p99Ms()));
            series.getData().add(new XYChart.Data<>("max", l.maxMs()));
            latency.getData().add(series);
        }
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Widens each column made by {@link #column} to its widest cell (the header's width at least). */
    @SuppressWarnings("unchecked")
    private static <T> void fitToContent(TableView<T> table) {
        for (TableColumn<T, ?> column : table.getColumns()) {
            if (!(column.getUserData() instanceof Function<?, ?> value)) {
                continue;
            }
            double widest = column.getMinWidth();
            for (T row : table.getItems()) {
                String text = ((Function<T, String>) value).apply(row);
                if (text != null) {
                    widest = Math.max(
                            widest,
                            new javafx.scene.text.Text(text).getLayoutBounds().getWidth() * 1.1 + 24);
                }
            }
            column.setPrefWidth(widest);
        }
    }

    /** A column as wide as its header at least, with the full text of each cell in a tooltip. */
    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setUserData(value);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        // the header is bold and larger than Text's default font: room for it, and the sort arrow
        column.setMinWidth(new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.25 + 32);
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        return column;
    }
}
