package dev.firstcome.desktop.dashboard;

import dev.firstcome.desktop.ui.Dialogs;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.ReconcileReport;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** The live dashboard: tiles, Kafka lag with a Burrow-like badge, rate chart, partitions, reconcile. */
public final class DashboardView {

    private final DashboardViewModel model;
    private final BorderPane root = new BorderPane();
    private final Timeline ticker;
    private final XYChart.Series<Number, Number> admissions = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> persists = new XYChart.Series<>();

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        root.setId("dashboard-view");
        root.setPadding(new Insets(12));
        root.setTop(createHeader());
        VBox center = new VBox(12, createBanner(), createAlerts(), createSold(), createTiles(), createChart());
        center.setPadding(new Insets(0, 4, 0, 0));
        // at 1024x640 the figures scroll instead of pushing the window's status bar off-screen
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(center);
        scroll.setId("dashboard-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        root.setCenter(scroll);
        root.setBottom(createPartitions());
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        model.reconcileProperty().addListener((o, was, report) -> {
            if (report != null) {
                showReconcile(report);
            }
        });
        model.healProperty().addListener((o, was, report) -> {
            if (report != null) {
                Dialogs.inform(
                        window(),
                        "Heal done",
                        "Republished to Kafka: " + report.republished() + "\nRestored into Redis: "
                                + report.restoredToRedis());
            }
        });
    }

    public Node root() {
        return root;
    }

    /** Refreshes every second while the dashboard is shown. */
    public void setActive(boolean active) {
        if (active) {
            model.loadEvents();
            model.refresh();
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    public void refresh() {
        model.loadEvents();
        model.refresh();
    }

    public void reconcile() {
        model.reconcile();
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private HBox createHeader() {
        ComboBox<EventView> picker = new ComboBox<>(model.eventChoices());
        picker.setId("dashboard-event");
        picker.setPrefWidth(240);
        picker.setMinWidth(160);
        picker.setPromptText("Choose an event");
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventView event) {
                return event == null ? "" : "#" + event.id() + " " + event.name() + (event.lab() ? " (lab)" : "");
            }

            @Override
            public EventView fromString(String text) {
                return null;
            }
        });
        picker.valueProperty().bindBidirectional(model.eventProperty());
        picker.setOnAction(event -> {
            // a ComboBox fires on programmatic changes too: only the operator's own pick is a choice
            if (picker.isFocused() || picker.isShowing()) {
                model.markChosen();
            }
        });
        Label badge = new Label("LAG ?");
        badge.setId("lag-status");
        badge.getStyleClass().add("badge");
        model.lagStatusProperty().addListener((o, was, status) -> {
            badge.getStyleClass().removeAll("badge-ok", "badge-lagging", "badge-stalled");
            if (status != null) {
                badge.getStyleClass().add("badge-" + status.name().toLowerCase(Locale.ROOT));
            }
        });
        badge.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Kafka "
                                + (model.lagStatusProperty().get() == null
                                        ? "?"
                                        : model.lagStatusProperty().get()),
                        model.lagStatusProperty()));
        Button reconcile = new Button("Reconcile");
        reconcile.setId("reconcile");
        reconcile.setOnAction(event -> model.reconcile());
        reconcile.disableProperty().bind(model.eventProperty().isNull());
        Label title = new Label("Live dashboard");
        // the event picker gives way at 1024x640, never the title
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("title-3");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.Spinner<Double> threshold = new javafx.scene.control.Spinner<>(0.5, 600, 5, 0.5);
        threshold.setId("lag-threshold");
        threshold.setPrefWidth(80);
        threshold.setEditable(true);
        threshold.setTooltip(
                new javafx.scene.control.Tooltip("Alert when persisting is more than this many seconds behind"));
        threshold.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.lagThresholdSecondsProperty().set(now);
            }
        });
        Label thresholdCaption = new Label("Lag alert (s)");
        thresholdCaption.setMinWidth(Region.USE_PREF_SIZE);
        reconcile.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(12, title, picker, spacer, thresholdCaption, threshold, badge, reconcile);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 12, 0));
        return header;
    }

    private TilePane createTiles() {
        TilePane tiles = new TilePane(12, 12);
        tiles.setPrefColumns(4);
        tiles.getChildren()
                .addAll(
                        tile("admitted", admittedCaption(), s -> count(s.admitted())),
                        tile("persisted", "Persisted (database)", s -> count(s.persisted())),
                        tile("in-flight", "In flight", s -> count(DashboardViewModel.inFlight(s))),
                        tile("failed", "Failed (open)", s -> count(s.failedOpen())),
                        tile("remaining", "Remaining total", s -> count(s.remaining())),
                        tile(
                                "remaining-today",
                                "Remaining today",
                                s -> s.remainingToday() == null ? "no daily limit" : count(s.remainingToday())),
                        tile(
                                "lag",
                                "Kafka lag",
                                s -> count(s.consumerLag()) + " rec · "
                                        + String.format(Locale.ROOT, "%.1f s", s.lagSeconds())),
                        requestsTile(),
                        tile(
                                "persist-rate",
                                "Persist rate",
                                s -> String.format(Locale.ROOT, "%,.0f /s", s.persistRatePerSecond())));
        return tiles;
    }

    /** Requests per second by outcome (issued, sold out, already applied, refused) of this server. */
    private VBox requestsTile() {
        VBox tile = tile("requests", "Requests/s by answer (server)", s -> "");
        Label figure = (Label) tile.getChildren().get(1);
        figure.textProperty().unbind();
        figure.getStyleClass().remove("tile-value");
        figure.setWrapText(true);
        figure.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var rates = model.requestRatesProperty().get();
                            if (rates.isEmpty()) {
                                return "–";
                            }
                            StringBuilder text = new StringBuilder();
                            DashboardViewModel.OUTCOME_GROUPS
                                    .keySet()
                                    .forEach(group -> text.append(text.isEmpty() ? "" : "\n")
                                            .append(group)
                                            .append(": ")
                                            .append(String.format(
                                                    Locale.ROOT, "%,.0f", rates.getOrDefault(group, 0.0))));
                            return text.toString();
                        },
                        model.requestRatesProperty()));
        return tile;
    }

    /** "Admitted (Redis)", or for a lab event "Admitted (lab: db-pessimistic)": whose counters these are. */
    private javafx.beans.binding.StringBinding admittedCaption() {
        return Bindings.createStringBinding(
                () -> {
                    EventView watched = model.eventProperty().get();
                    return watched != null && watched.lab()
                            ? "Admitted (lab: " + watched.strategy() + ")"
                            : "Admitted (Redis)";
                },
                model.eventProperty());
    }

    private VBox tile(String id, javafx.beans.value.ObservableValue<String> title, Function<EventStats, String> value) {
        VBox tile = tile(id, "", value);
        ((Label) tile.getChildren().getFirst()).textProperty().bind(title);
        return tile;
    }

    private VBox tile(String id, String title, Function<EventStats, String> value) {
        Label caption = new Label(title);
        caption.getStyleClass().add("tile-title");
        Label figure = new Label("–");
        figure.setId(id + "-value");
        figure.getStyleClass().add("tile-value");
        figure.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.statsProperty().get() == null
                                ? "–"
                                : value.apply(model.statsProperty().get()),
                        model.statsProperty()));
        VBox tile = new VBox(4, caption, figure);
        tile.setId("tile-" + id);
        tile.getStyleClass().add("tile");
        tile.setPrefWidth(230);
        return tile;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** SOLD OUT, OPENS IN 3h12m (10:00 KST), DAILY SOLD OUT (reopens ...), PAUSED, ...: hidden while OPEN. */
    private Label createBanner() {
        Label banner = new Label();
        banner.setId("dashboard-banner");
        banner.getStyleClass().add("state-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        model.stateProperty().addListener((o, was, state) -> {
            banner.getStyleClass().removeIf(style -> style.startsWith("phase-"));
            if (state != null) {
                banner.getStyleClass().add("phase-" + state.phase().name().toLowerCase(Locale.ROOT));
            }
        });
        return banner;
    }

    /** One line per alert (failed coupons, lag above the threshold, stalled consumer), red. */
    private VBox createAlerts() {
        VBox box = new VBox(4);
        box.setId("dashboard-alerts");
        box.getStyleClass().add("notification-bar");
        Runnable fill = () -> box.getChildren()
                .setAll(model.alerts().stream()
                        .map(text -> {
                            Label line = new Label("⚠ " + text);
                            line.setWrapText(true);
                            return line;
                        })
                        .toList());
        model.alerts().addListener((ListChangeListener<String>) change -> fill.run());
        box.visibleProperty().bind(Bindings.isNotEmpty(model.alerts()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The sold share as a bar, the ETA to sell-out and the sell-out moment. */
    private HBox createSold() {
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(0);
        bar.setId("sold-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> model.statsProperty().get() == null
                                ? 0
                                : DashboardViewModel.soldShare(
                                        model.statsProperty().get()),
                        model.statsProperty()));
        Label sold = new Label();
        sold.setId("sold-text");
        sold.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var stats = model.statsProperty().get();
                            if (stats == null) {
                                return "sold –";
                            }
                            String text = String.format(
                                    Locale.ROOT,
                                    "%.1f %% sold (%s of %s)",
                                    DashboardViewModel.soldShare(stats) * 100,
                                    count(stats.admitted()),
                                    count(stats.admitted() + stats.remaining()));
                            var soldOut = model.soldOutAtProperty().get();
                            var eta = model.etaProperty().get();
                            if (soldOut != null) {
                                return text + " · sold out at " + TIME.format(soldOut.atZone(zone()));
                            }
                            return eta == null
                                    ? text + " · ETA – (no admissions in the last 10 s)"
                                    : text + " · sells out in ~"
                                            + dev.firstcome.model.EventState.countdownText(eta)
                                            + " at the current rate";
                        },
                        model.statsProperty(),
                        model.soldOutAtProperty(),
                        model.etaProperty()));
        HBox box = new HBox(12, bar, sold);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private java.time.ZoneId zone() {
        return java.time.ZoneId.systemDefault();
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private LineChart<Number, Number> createChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("time (" + zone().getId() + ")");
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return TIME.format(
                        java.time.Instant.ofEpochSecond(epochSecond.longValue()).atZone(zone()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("per second");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("rate-chart");
        chart.setTitle("Admissions and persists per second (last hour of this event)");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(160);
        admissions.setName("admissions/s");
        persists.setName("persists/s");
        soldOutMark.setName("sold out");
        chart.getData().addAll(admissions, persists, soldOutMark);
        VBox.setVgrow(chart, Priority.ALWAYS);
        model.rates().addListener((ListChangeListener<RatePoint>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && change.getFrom() == 0 && !change.wasAdded()) {
                    int removed = Math.min(
                            change.getRemovedSize(), admissions.getData().size());
                    admissions.getData().remove(0, removed);
                    persists.getData()
                            .remove(0, Math.min(removed, persists.getData().size()));
                } else if (change.wasReplaced() || change.wasRemoved()) {
                    redraw();
                    return;
                }
                if (change.wasAdded() && !change.wasReplaced()) {
                    for (RatePoint point : change.getAddedSubList()) {
                        admissions.getData().add(new XYChart.Data<>(seconds(point), point.admissionsPerSecond()));
                        persists.getData().add(new XYChart.Data<>(seconds(point), point.persistsPerSecond()));
                    }
                }
            }
            markSoldOut();
        });
        model.soldOutAtProperty().addListener((o, was, now) -> markSoldOut());
        return chart;
    }

    private final XYChart.Series<Number, Number> soldOutMark = new XYChart.Series<>();

    private static double seconds(RatePoint point) {
        return point.at().getEpochSecond() + point.at().getNano() / 1e9;
    }

    private void redraw() {
        admissions.getData().clear();
        persists.getData().clear();
        for (RatePoint point : model.rates()) {
            admissions.getData().add(new XYChart.Data<>(seconds(point), point.admissionsPerSecond()));
            persists.getData().add(new XYChart.Data<>(seconds(point), point.persistsPerSecond()));
        }
        markSoldOut();
    }

    /** A vertical line at the sell-out moment, from 0 to the highest rate shown. */
    private void markSoldOut() {
        var at = model.soldOutAtProperty().get();
        if (at == null || model.rates().isEmpty()) {
            soldOutMark.getData().clear();
            return;
        }
        double top = model.rates().stream()
                .mapToDouble(p -> Math.max(p.admissionsPerSecond(), p.persistsPerSecond()))
                .max()
                .orElse(1);
        double x = at.getEpochSecond();
        soldOutMark.getData().setAll(new XYChart.Data<>(x, 0), new XYChart.Data<>(x, Math.max(1, top)));
    }

    private VBox createPartitions() {
        ToggleButton show = new ToggleButton("Partitions and groups");
        show.setId("show-partitions");
        show.setMinWidth(Region.USE_PREF_SIZE);
        TableView<PartitionLag> table = new TableView<>(model.partitions());
        table.setId("partitions-table");
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns()
                .addAll(
                        column("Topic", PartitionLag::topic),
                        column("Partition", p -> Integer.toString(p.partition())),
                        column("End offset", p -> count(p.endOffset())),
                        column("Committed", p -> count(p.committedOffset())),
                        column("Lag", p -> count(p.lag())));
        table.visibleProperty().bind(show.selectedProperty());
        table.managedProperty().bind(show.selectedProperty());
        TableView<GroupLag> groups = new TableView<>(model.groups());
        groups.setId("groups-table");
        groups.setPrefHeight(150);
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.getColumns()
                .addAll(
                        column("Consumer group", GroupLag::group),
                        column("Does", GroupLag::role),
                        column("Topic", GroupLag::topic),
                        column("Lag (records)", g -> g.known() ? count(g.lag()) : "unknown (Kafka did not answer)"));
        groups.visibleProperty().bind(show.selectedProperty());
        groups.managedProperty().bind(show.selectedProperty());
        HBox tables = new HBox(12, table, groups);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox.setHgrow(groups, Priority.ALWAYS);
        tables.visibleProperty().bind(show.selectedProperty());
        tables.managedProperty().bind(show.selectedProperty());
        Label summary = new Label();
        summary.setId("pipeline-summary");
        summary.setWrapText(true);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var pipeline = model.pipelineProperty().get();
                            return pipeline == null
                                    ? ""
                                    : "group " + pipeline.consumerGroup() + " · topic " + pipeline.topic()
                                            + " · total lag " + count(pipeline.totalLag()) + " · dead letters "
                                            + (pipeline.deadLetterRecords() < 0
                                                    ? "unknown"
                                                    : count(pipeline.deadLetterRecords()));
                        },
                        model.pipelineProperty()));
        HBox bar = new HBox(12, show, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, bar, tables);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Centres the dialog on its owner and keeps it inside the owner's screen (it once opened at x = -1021). */
    static void keepOnScreen(Dialog<?> dialog) {
        javafx.stage.Window owner = dialog.getOwner();
        javafx.geometry.Rectangle2D screen = owner == null
                ? javafx.stage.Screen.getPrimary().getVisualBounds()
                : javafx.stage.Screen.getScreensForRectangle(
                                owner.getX(),
                                owner.getY(),
                                Math.max(1, owner.getWidth()),
                                Math.max(1, owner.getHeight()))
                        .stream()
                        .findFirst()
                        .orElse(javafx.stage.Screen.getPrimary())
                        .getVisualBounds();
        double width = Math.min(dialog.getWidth(), screen.getWidth());
        double height = Math.min(dialog.getHeight(), screen.getHeight());
        double x = owner == null
                ? screen.getMinX() + (screen.getWidth() - width) / 2
                : owner.getX() + (owner.getWidth() - width) / 2;
        double y = owner == null
                ? screen.getMinY() + (screen.getHeight() - height) / 2
                : owner.getY() + (owner.getHeight() - height) / 2;
        dialog.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width)));
        dialog.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height)));
    }

    private void showReconcile(ReconcileReport report) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(window());
        dialog.setTitle("Reconcile");
        EventView watched = model.eventProperty().get();
        // a lab strategy other than lua keeps its own counters, not Redis's applied hash: comparing those
        // with the database would report every persisted coupon as "unknown to Redis"
        boolean labCounters = watched != null && watched.lab() && !"lua".equals(watched.strategy());
        dialog.setHeaderText(
                labCounters
                        ? "Lab strategy " + watched.strategy() + " keeps its own counters: Redis is not compared"
                        : report.lost() == 0 && report.unknownToRedis() == 0
                                ? "Redis, the database and Kafka agree"
                                : "Redis and the database disagree");
        dialog.getDialogPane().setId("reconcile-dialog");
        GridPane grid = new GridPane(24, 6);
        // labels keep their full width (never "..."); values wrap
        var labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var values = new javafx.scene.layout.ColumnConstraints(120, 260, 480);
        grid.getColumnConstraints().setAll(labels, values);
        String[][] rows = {
            {"Admitted (Redis)", count(report.admitted())},
            {"Persisted (database)", count(report.persisted())},
            {"In flight (lag)", count(report.inFlight())},
            {"Failed (open)", count(report.failedOpen())},
            {"Lost", count(report.lost())},
            {"Persisted but unknown to Redis", count(report.unknownToRedis())},
            {"Consumer lag (records)", count(report.consumerLag())},
            {"Drained", report.drained() ? "yes" : "no"},
            {"Missing (sample)", report.missingSample().isEmpty() ? "none" : String.join(", ", report.missingSample())},
            {"Unknown (sample)", report.unknownSample().isEmpty() ? "none" : String.join(", ", report.unknownSample())}
        };
        for (int i = 0; i < rows.length; i++) {
            Label caption = new Label(rows[i][0]);
            caption.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label value = new Label(rows[i][1]);
            value.setId("reconcile-" + i);
            value.setWrapText(true);
            value.setTooltip(new javafx.scene.control.Tooltip(rows[i][1]));
            grid.addRow(i, caption, value);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.setResizable(true);
        ButtonType heal = new ButtonType("Heal", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().setAll(heal, ButtonType.CLOSE);
        boolean agree = labCounters || (report.lost() == 0 && report.unknownToRedis() == 0);
        Button healButton = (Button) dialog.getDialogPane().lookupButton(heal);
        healButton.setId("reconcile-heal");
        healButton.setDisable(agree); // nothing to heal: Heal is neither enabled nor focused
        healButton.setDefaultButton(false);
        Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setDefaultButton(true);
        dialog.setResultConverter(type -> type);
        dialog.setOnHidden(event -> {
            if (heal.equals(dialog.getResult())) {
                model.heal();
            }
        });
        dialog.setOnShown(event -> {
            close.requestFocus();
            keepOnScreen(dialog);
        });
        dialog.show();
    }
}
