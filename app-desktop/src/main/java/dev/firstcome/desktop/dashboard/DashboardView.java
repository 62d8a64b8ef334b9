package dev.firstcome.desktop.dashboard;

import dev.firstcome.desktop.ui.Dialogs;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The live dashboard: tiles, Kafka lag with a Burrow-like badge, rate chart, partitions, reconcile. */
public final class DashboardView {

    private final DashboardViewModel model;
    private final BorderPane root = new BorderPane();
    private final Timeline ticker;

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        DashboardFigures figures = new DashboardFigures(model);
        root.setId("dashboard-view");
        root.setPadding(new Insets(12));
        root.setTop(DashboardHeader.create(model));
        VBox center = new VBox(
                12,
                figures.createBanner(),
                figures.createAlerts(),
                figures.createSold(),
                figures.createTiles(),
                new RateChart(model).create());
        center.setPadding(new Insets(0, 4, 0, 0));
        // at 1024x640 the figures scroll instead of pushing the window's status bar off-screen
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(center);
        scroll.setId("dashboard-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        root.setCenter(scroll);
        root.setBottom(PipelinePanel.create(model));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        model.reconcileProperty().addListener((o, was, report) -> {
            if (report != null) {
                ReconcileDialog.show(window(), model, report);
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
}
