package dev.firstcome.desktop.rush;

import dev.firstcome.model.EventView;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.StrategyResult;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** The simulate-rush dialog: parameters, progress with cancel, then the report. Not modal: the dashboard stays live. */
public final class RushDialog {

    private final RushViewModel model;
    private final Stage stage = new Stage();
    private final Label header = new Label();
    private final Timeline poller;
    private final FlowPane strategyBoxes = new FlowPane(12, 8);
    private final BarChart<String, Number> latency = new BarChart<>(new CategoryAxis(), new NumberAxis());

    public RushDialog(RushViewModel model, Window owner) {
        this.model = model;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Simulate rush");
        header.getStyleClass().add("title-4");
        header.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            EventView event = model.eventProperty().get();
                            return event == null
                                    ? "Rush on fresh rehearsal events"
                                    : "Rush for #" + event.id() + " " + event.name();
                        },
                        model.eventProperty()));
        Button close = new Button("Close");
        close.setId("close-rush");
        close.setCancelButton(true);
        close.setOnAction(event -> stage.hide());
        HBox footer = new HBox(close);
        footer.setAlignment(Pos.CENTER_RIGHT);
        VBox content = new VBox(
                12,
                header,
                createForm(),
                createStrategies(),
                createFaults(),
                RushRoomViews.form(model),
                createRun(),
                createReport(),
                footer);
        content.setId("rush-dialog");
        content.setPadding(new Insets(16));
        Scene scene = new Scene(content, 1000, 740);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        poller = new Timeline(new KeyFrame(Duration.millis(250), event -> model.poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        model.runningProperty().addListener((o, was, running) -> {
            if (running) {
                poller.play();
            } else {
                poller.stop();
            }
        });
    }

    /** Shows the dialog for this event (or fresh rehearsal events when null); a running rush is kept. */
    public void open(EventView event) {
        if (!model.runningProperty().get()) {
            model.target(event);
        }
        model.loadStrategies();
        stage.show();
        stage.toFront();
    }

    private GridPane createForm() {
        GridPane grid = new GridPane(12, 8);
        grid.getColumnConstraints().addAll(new ColumnConstraints(170), new ColumnConstraints());
        ToggleGroup target = new ToggleGroup();
        RadioButton onEvent = new RadioButton("This event");
        onEvent.setId("rush-on-event");
        onEvent.setToggleGroup(target);
        onEvent.setTooltip(new Tooltip("Only lab events are rushed directly; production events get a rehearsal copy"));
        onEvent.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.eventProperty().get() == null
                                || !model.eventProperty().get().lab(),
                        model.eventProperty()));
        RadioButton fresh = new RadioButton("Fresh rehearsal events (one per strategy)");
        fresh.setId("rush-fresh");
        fresh.setToggleGroup(target);
        onEvent.setSelected(model.onEventProperty().get());
        fresh.setSelected(!model.onEventProperty().get());
        model.onEventProperty().addListener((o, was, now) -> (now ? onEvent : fresh).setSelected(true));
        onEvent.selectedProperty()
                .addListener((o, was, now) -> model.onEventProperty().set(now));
        grid.addRow(0, new Label("Target"), new HBox(16, onEvent, fresh));
        grid.addRow(1, new Label("Users"), field("rush-users", model.usersProperty()));
        grid.addRow(2, new Label("Concurrency"), field("rush-concurrency", model.concurrencyProperty()));
        grid.addRow(3, new Label("Duplicate requests (%)"), field("rush-duplicates", model.duplicatePercentProperty()));
        TextField quantity = field("rush-quantity", model.quantityProperty());
        quantity.disableProperty().bind(model.onEventProperty());
        grid.addRow(4, new Label("Coupons per rehearsal"), quantity);
        grid.setDisable(false);
        grid.disableProperty().bind(model.runningProperty());
        return grid;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private VBox createStrategies() {
        strategyBoxes.setId("rush-strategies");
        model.strategies().addListener((ListChangeListener<String>) change -> rebuildStrategies());
        model.chosenStrategies().addListener((SetChangeListener<String>) change -> syncStrategies());
        rebuildStrategies();
        Label caption = new Label(
                "Admission strategies (several give a comparison table; only lua is production-safe by design)");
        VBox box = new VBox(6, caption, strategyBoxes);
        box.disableProperty().bind(model.onEventProperty().or(model.runningProperty()));
        return box;
    }

    private void rebuildStrategies() {
        strategyBoxes.getChildren().clear();
        for (String name : model.strategies()) {
            CheckBox box = new CheckBox(name);
            box.setId("strategy-" + name);
            box.setSelected(model.chosenStrategies().contains(name));
            box.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    model.chosenStrategies().add(name);
                } else {
                    model.chosenStrategies().remove(name);
                }
            });
            strategyBoxes.getChildren().add(box);
        }
    }

    private void syncStrategies() {
        for (Node node : strategyBoxes.getChildren()) {
            CheckBox box = (CheckBox) node;
            box.setSelected(model.chosenStrategies().contains(box.getText()));
        }
    }

    private VBox createRun() {
        Button start = new Button("Start rush");
        start.setId("start-rush");
        start.getStyleClass().add("accent");
        start.setDefaultButton(true);
        start.disableProperty()
                .bind(model.runningProperty().or(model.errorProperty().isNotEmpty()));
        start.setOnAction(event -> model.start());
        Button cancel = new Button("Cancel rush");
        cancel.setId("cancel-rush");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("rush-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(model.progressProperty());
        Label status = new Label();
        status.setId("rush-status");
        status.textProperty().bind(model.progressTextProperty());
        Label error = new Label();
        error.setId("rush-error");
        error.getStyleClass().add("danger");
        error.textProperty().bind(model.errorProperty());
        HBox row = new HBox(12, start, cancel, bar);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, row, status, error);
    }

    private final Label coldNote = new Label();

    private javafx.scene.Node createReport() {
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
        java.io.File file = chooser.showSaveDialog(stage);
        if (file != null) {
            model.export(file.toPath(), text);
        }
    }

    /**
     * Crashes (issue 18): where the strategy runs (inside the server or 1-2 worker JVMs) and the
     * fault done to a worker during each run.
     */
    private HBox createFaults() {
        ChoiceBox<Integer> hosts = new ChoiceBox<>(FXCollections.observableArrayList(0, 1, 2));
        hosts.setId("rush-workers");
        hosts.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null || n == 0 ? "inside the server" : n + " worker JVM" + (n == 1 ? "" : "s");
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        hosts.valueProperty().bindBidirectional(model.workersProperty());
        ChoiceBox<String> kind = new ChoiceBox<>(FXCollections.observableArrayList(RushViewModel.FAULTS));
        kind.setId("rush-fault");
        kind.valueProperty().bindBidirectional(model.faultKindProperty());
        TextField at = field("rush-fault-at", model.faultAtPercentProperty());
        at.setPrefColumnCount(3);
        ChoiceBox<Integer> struck = new ChoiceBox<>(FXCollections.observableArrayList(1, 2));
        struck.setId("rush-fault-worker");
        struck.valueProperty().bindBidirectional(model.faultWorkerProperty());
        CheckBox restart = new CheckBox("restart it");
        restart.setId("rush-fault-restart");
        restart.selectedProperty().bindBidirectional(model.faultRestartProperty());
        var noFault = model.faultKindProperty().isEqualTo(RushFault.NONE);
        at.disableProperty().bind(noFault);
        struck.disableProperty().bind(noFault);
        restart.disableProperty().bind(noFault);
        HBox row = new HBox(
                8,
                new Label("Strategy runs"),
                hosts,
                new Label("Fault"),
                kind,
                new Label("at (%)"),
                at,
                new Label("of worker"),
                struck,
                restart);
        row.setId("rush-faults");
        row.setAlignment(Pos.CENTER_LEFT);
        row.disableProperty().bind(model.onEventProperty().or(model.runningProperty()));
        return row;
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
    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
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
