package dev.firstcome.desktop.dashboard;

import dev.firstcome.model.EventView;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The header: title, event picker, lag threshold, Kafka badge and Reconcile. */
final class DashboardHeader {

    private DashboardHeader() {}

    static HBox create(DashboardViewModel model) {
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
}
