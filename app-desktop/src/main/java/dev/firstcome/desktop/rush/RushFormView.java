package dev.firstcome.desktop.rush;

import dev.firstcome.model.RushFault;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The rush dialog's parameter sections: target and sizes, strategies, workers and faults. */
final class RushFormView {

    private final RushViewModel model;
    private final FlowPane strategyBoxes = new FlowPane(12, 8);

    RushFormView(RushViewModel model) {
        this.model = model;
    }

    GridPane createForm() {
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

    static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    VBox createStrategies() {
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

    /**
     * Crashes (issue 18): where the strategy runs (inside the server or 1-2 worker JVMs) and the
     * fault done to a worker during each run.
     */
    HBox createFaults() {
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
}
