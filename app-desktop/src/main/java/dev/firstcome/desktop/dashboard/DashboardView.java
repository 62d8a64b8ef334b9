package dev.firstcome.desktop.dashboard;

import dev.firstcome.desktop.ui.Dialogs;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
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
        root.setCenter(new VBox(12, createTiles(), createChart()));
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
        picker.setPrefWidth(320);
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
        title.getStyleClass().add("title-3");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, picker, spacer, badge, reconcile);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 12, 0));
        return header;
    }

    private TilePane createTiles() {
        TilePane tiles = new TilePane(12, 12);
        tiles.setPrefColumns(4);
        tiles.getChildren()
                .addAll(
                        tile("admitted", "Admitted (Redis)", s -> count(s.admitted())),
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
                        tile(
                                "persist-rate",
                                "Persist rate",
                                s -> String.format(Locale.ROOT, "%,.0f /s", s.persistRatePerSecond())));
        return tiles;
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

    private LineChart<Number, Number> createChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("per second");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("rate-chart");
        chart.setTitle("Admissions and persists per second");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(220);
        admissions.setName("admissions/s");
        persists.setName("persists/s");
        chart.getData().addAll(admissions, persists);
        VBox.setVgrow(chart, Priority.ALWAYS);
        model.rates().addListener((ListChangeListener<RatePoint>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    admissions
                            .getData()
                            .remove(
                                    0,
                                    Math.min(
                                            change.getRemovedSize(),
                                            admissions.getData().size()));
                    persists.getData()
                            .remove(
                                    0,
                                    Math.min(
                                            change.getRemovedSize(),
                                            persists.getData().size()));
                }
                for (RatePoint point : change.getAddedSubList()) {
                    admissions.getData().add(new XYChart.Data<>(point.second(), point.admissionsPerSecond()));
                    persists.getData().add(new XYChart.Data<>(point.second(), point.persistsPerSecond()));
                }
            }
            if (model.rates().isEmpty()) {
                admissions.getData().clear();
                persists.getData().clear();
            }
        });
        return chart;
    }

    private VBox createPartitions() {
        ToggleButton show = new ToggleButton("Partitions");
        show.setId("show-partitions");
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
        Label summary = new Label();
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var pipeline = model.pipelineProperty().get();
                            return pipeline == null
                                    ? ""
                                    : "group " + pipeline.consumerGroup() + " · topic " + pipeline.topic()
                                            + " · total lag " + count(pipeline.totalLag());
                        },
                        model.pipelineProperty()));
        HBox bar = new HBox(12, show, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, bar, table);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    private static TableColumn<PartitionLag, String> column(String title, Function<PartitionLag, String> value) {
        TableColumn<PartitionLag, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private void showReconcile(ReconcileReport report) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(window());
        dialog.setTitle("Reconcile");
        dialog.setHeaderText(
                report.lost() == 0 && report.unknownToRedis() == 0
                        ? "Redis, the database and Kafka agree"
                        : "Redis and the database disagree");
        dialog.getDialogPane().setId("reconcile-dialog");
        GridPane grid = new GridPane(24, 6);
        String[][] rows = {
            {"Admitted (Redis)", count(report.admitted())},
            {"Persisted (database)", count(report.persisted())},
            {"In flight (lag)", count(report.inFlight())},
            {"Failed (open)", count(report.failedOpen())},
            {"Lost", count(report.lost())},
            {"Persisted but unknown to Redis", count(report.unknownToRedis())},
            {"Consumer lag", count(report.consumerLag())},
            {"Drained", report.drained() ? "yes" : "no"},
            {"Missing (sample)", String.join(", ", report.missingSample())},
            {"Unknown (sample)", String.join(", ", report.unknownSample())}
        };
        for (int i = 0; i < rows.length; i++) {
            Label value = new Label(rows[i][1]);
            value.setId("reconcile-" + i);
            grid.addRow(i, new Label(rows[i][0]), value);
        }
        dialog.getDialogPane().setContent(grid);
        ButtonType heal = new ButtonType("Heal", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().setAll(heal, ButtonType.CLOSE);
        dialog.setResultConverter(type -> type);
        dialog.setOnHidden(event -> {
            if (heal.equals(dialog.getResult())) {
                model.heal();
            }
        });
        dialog.show();
    }
}
