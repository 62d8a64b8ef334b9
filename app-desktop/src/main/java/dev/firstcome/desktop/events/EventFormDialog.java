package dev.firstcome.desktop.events;

import dev.firstcome.model.EventView;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** The create/edit form: fields validated on the spot (ControlsFX) with the HTTP API's rules. */
final class EventFormDialog {

    private final EventFormViewModel model;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType saveType = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    private final Map<EventField, TextField> inputs = new EnumMap<>(EventField.class);
    private final ValidationSupport validation = new ValidationSupport();

    EventFormDialog(EventFormViewModel model, Window owner) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle(model.title());
        dialog.setHeaderText(model.title());
        dialog.getDialogPane().setId("event-form");
        dialog.getDialogPane().getButtonTypes().setAll(saveType, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(new VBox(12, createGrid(), createMessage()));
        configureSaveButton();
        registerValidators();
    }

    /** Shows the form; {@code onSaved} runs once the backend saved the event. */
    void show(Consumer<EventView> onSaved) {
        this.onSaved = onSaved;
        dialog.show();
        inputs.get(EventField.NAME).requestFocus();
    }

    private Consumer<EventView> onSaved = event -> {};

    private GridPane createGrid() {
        GridPane grid = new GridPane(12, 8);
        grid.getColumnConstraints()
                .addAll(new ColumnConstraints(150), new ColumnConstraints(260), new ColumnConstraints(230));
        grid.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        // the zone first: every time below is in it
        grid.addRow(0, caption("Time zone", createZonePicker()), zonePicker, note("times below are in this zone"));
        addRow(grid, 1, EventField.NAME, "Name", "Launch day coupons");
        addRow(grid, 2, EventField.TOTAL_QUANTITY, "Total quantity", "e.g. 1000");
        addRow(grid, 3, EventField.DAILY_QUANTITY, "Daily quantity", "empty: no daily limit");
        addRow(grid, 4, EventField.DAILY_OPEN_TIME, "Daily open (HH:mm)", "empty: 00:00");
        addRow(grid, 5, EventField.DAILY_CLOSE_TIME, "Daily close (HH:mm)", "empty: end of day");
        addRow(grid, 6, EventField.STARTS_AT, "Starts at", "yyyy-MM-dd HH:mm");
        addRow(grid, 7, EventField.ENDS_AT, "Ends at", "yyyy-MM-dd HH:mm");
        Label hint = note("");
        hint.setId("event-window-hint");
        hint.textProperty().bind(model.windowHintProperty());
        grid.add(hint, 2, 5);
        Label startUtc = note("");
        startUtc.setId("event-startsAt-utc");
        startUtc.textProperty().bind(model.startsAtUtcProperty());
        grid.add(startUtc, 2, 6);
        Label endUtc = note("");
        endUtc.setId("event-endsAt-utc");
        endUtc.textProperty().bind(model.endsAtUtcProperty());
        grid.add(endUtc, 2, 7);
        return grid;
    }

    private final SearchableComboBox<String> zonePicker = new SearchableComboBox<>();

    /** Every IANA zone, searchable by typing (e.g. "seoul"); fixed once the event exists. */
    private SearchableComboBox<String> createZonePicker() {
        zonePicker.setId("event-zoneId");
        zonePicker.getItems().setAll(new TreeSet<>(ZoneId.getAvailableZoneIds()));
        zonePicker.setMaxWidth(Double.MAX_VALUE);
        zonePicker.valueProperty().bindBidirectional(model.field(EventField.ZONE_ID));
        zonePicker.setDisable(model.editing());
        zonePicker.setTooltip(new Tooltip("Type to search, e.g. Seoul or Berlin"));
        return zonePicker;
    }

    private static Label caption(String text, javafx.scene.Node target) {
        Label caption = new Label(text);
        caption.setLabelFor(target);
        return caption;
    }

    private static Label note(String text) {
        Label note = new Label(text);
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        return note;
    }

    private void addRow(GridPane grid, int row, EventField field, String label, String prompt) {
        TextField input = new TextField();
        input.setId("event-" + field.apiName());
        input.setPromptText(prompt);
        input.textProperty().bindBidirectional(model.field(field));
        inputs.put(field, input);
        Label caption = new Label(label);
        caption.setLabelFor(input);
        grid.addRow(row, caption, input);
    }

    private Label createMessage() {
        Label message = new Label();
        message.setId("event-form-message");
        message.getStyleClass().add("danger");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        return message;
    }

    private void configureSaveButton() {
        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("save-event");
        save.disableProperty().bind(model.validProperty().not().or(model.savingProperty()));
        save.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // the dialog stays open until the backend saved
            model.save(saved -> {
                dialog.setResult(saveType);
                dialog.close();
                onSaved.accept(saved);
            });
        });
    }

    private void registerValidators() {
        inputs.forEach((field, input) ->
                validation.registerValidator(input, false, (javafx.scene.control.Control control, String value) -> {
                    String error = model.error(field);
                    return ValidationResult.fromErrorIf(control, error, error != null);
                }));
        model.errorsProperty().addListener((o, was, now) -> validation.revalidate());
    }
}
