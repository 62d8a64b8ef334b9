package dev.firstcome.desktop.rush;

import dev.firstcome.model.EventView;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/** The simulate-rush dialog: parameters, progress with cancel, then the report. Not modal: the dashboard stays live. */
public final class RushDialog {

    private final RushViewModel model;
    private final Stage stage = new Stage();
    private final Label header = new Label();
    private final Timeline poller;

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
        RushFormView form = new RushFormView(model);
        VBox content = new VBox(
                12,
                header,
                form.createForm(),
                form.createStrategies(),
                form.createFaults(),
                RushRoomViews.form(model),
                createRun(),
                new RushReportView(model, stage).create(),
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
}
