package dev.firstcome.desktop.events;

import dev.firstcome.desktop.ui.Dialogs;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/** Events: the table, the create/edit form, pause/resume and close. */
public final class EventsView {

    private final EventsViewModel model;
    private final Consumer<EventView> openDashboard;
    private final Consumer<EventView> simulateRush;
    private final BorderPane root = new BorderPane();
    private final TableView<EventRow> table = new TableView<>();
    private final Timeline ticker;

    public EventsView(EventsViewModel model, Consumer<EventView> openDashboard, Consumer<EventView> simulateRush) {
        this.model = model;
        this.openDashboard = openDashboard;
        this.simulateRush = simulateRush;
        root.setId("events-view");
        root.setTop(createToolbar());
        root.setCenter(createTable());
        root.setBottom(createStatus());
        ticker = new Timeline(new KeyFrame(Duration.seconds(2), event -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    public Node root() {
        return root;
    }

    public void refresh() {
        model.refresh();
    }

    /** Refreshes the counters every two seconds while the view is shown. */
    public void setActive(boolean active) {
        if (active) {
            model.refresh();
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    /** Ctrl+N. */
    public void newEvent() {
        new EventFormDialog(model.newForm(), root.getScene().getWindow()).show(model::saved);
    }

    public void editSelected() {
        model.editForm()
                .ifPresent(form -> new EventFormDialog(form, root.getScene().getWindow()).show(model::saved));
    }

    /** Ctrl+R: the rush dialog for the selected event. */
    public void simulateRush() {
        model.selectedEvent().filter(e -> e.status() != EventStatus.CLOSED).ifPresent(simulateRush);
    }

    public void togglePause() {
        model.togglePause();
    }

    public void closeSelected() {
        model.selectedEvent().ifPresent(event -> {
            if (Dialogs.confirmCancelByDefault(
                    root.getScene().getWindow(),
                    "Close " + event.name() + "?",
                    "Closing is final: every further apply answers CLOSED. Issued coupons stay issued.",
                    "Close event")) {
                model.closeSelected();
            }
        });
    }

    private ToolBar createToolbar() {
        Button create = button("new-event", "New event", "Ctrl+N", this::newEvent);
        Button edit = button("edit-event", "Edit", "Ctrl+E", this::editSelected);
        Button pause = button("pause-event", "Pause", "Ctrl+P: the kill switch", this::togglePause);
        pause.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.selectedEvent()
                                        .filter(e -> e.status() == EventStatus.PAUSED)
                                        .isPresent()
                                ? "Resume"
                                : "Pause",
                        model.selectedProperty()));
        Button close = button("close-event", "Close event", "Final: refuses every further apply", this::closeSelected);
        close.getStyleClass().add("danger");
        Button dashboard = button(
                "open-dashboard",
                "Dashboard",
                "Open the live dashboard of this event",
                () -> model.selectedEvent().ifPresent(openDashboard));
        Button rush = button(
                "simulate-rush",
                "Rush…",
                "Ctrl+R: simulate a rush (a rehearsal on lab events)",
                () -> model.selectedEvent().ifPresent(simulateRush));
        var noSelection = model.selectedProperty().isNull();
        var closed = Bindings.createBooleanBinding(
                () -> model.selectedEvent()
                        .filter(e -> e.status() == EventStatus.CLOSED)
                        .isPresent(),
                model.selectedProperty());
        edit.disableProperty().bind(noSelection.or(closed));
        pause.disableProperty().bind(noSelection.or(closed));
        close.disableProperty().bind(noSelection.or(closed));
        dashboard.disableProperty().bind(noSelection);
        rush.disableProperty().bind(noSelection.or(closed));
        CheckBox lab = new CheckBox("Lab events");
        lab.setTooltip(new Tooltip("Show the lab events (rush rehearsals and strategy comparisons) too"));
        lab.setId("include-lab");
        lab.selectedProperty().bindBidirectional(model.includeLabProperty());
        Button refresh = button("refresh-events", "Refresh", "F5", model::refresh);
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(create, edit, pause, close, new Separator(), dashboard, rush, spacer, lab, refresh);
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private TableView<EventRow> createTable() {
        table.setId("events-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No events yet: create one with New event (Ctrl+N)."));
        table.getColumns()
                .addAll(
                        column("Name", 150, EventRow::name),
                        stateColumn(),
                        column("Window", 290, EventRow::window),
                        column("Zone", 90, EventRow::zone),
                        column("Hours", 85, EventRow::dailyHours),
                        column("Total", 55, EventRow::total),
                        column("Daily", 55, EventRow::daily),
                        group(
                                "Issued",
                                column("total", 60, EventRow::issuedTotal),
                                column("today", 60, EventRow::issuedToday)),
                        column("Remaining", 100, EventRow::remaining));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getItems().stream()
                        .filter(row -> row.id() == now.id())
                        .findFirst()
                        .ifPresent(row -> table.getSelectionModel().select(row));
            }
        });
        table.setRowFactory(view -> {
            var row = new javafx.scene.control.TableRow<EventRow>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openDashboard.accept(row.getItem().event());
                }
            });
            return row;
        });
        return table;
    }

    /** The true state with its countdown, coloured by phase (open green, sold out / ended muted, paused amber). */
    private static TableColumn<EventRow, String> stateColumn() {
        TableColumn<EventRow, String> column = column("State", 190, EventRow::state);
        column.setId("events-state");
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeIf(style -> style.startsWith("phase-"));
                EventRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
                if (row != null && row.phase() != null) {
                    getStyleClass().add("phase-" + row.phase().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        return column;
    }

    @SafeVarargs
    private static TableColumn<EventRow, String> group(String title, TableColumn<EventRow, String>... children) {
        TableColumn<EventRow, String> group = new TableColumn<>(title);
        group.getColumns().addAll(children);
        return group;
    }

    private static TableColumn<EventRow, String> column(String title, double width, Function<EventRow, String> value) {
        TableColumn<EventRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // never narrower than its header nor much narrower than its content: at 1024x640 the table
        // scrolls sideways instead of cutting every cell to "..."
        column.setMinWidth(
                Math.max(new javafx.scene.text.Text(title).getLayoutBounds().getWidth() + 24, width * 0.8));
        column.setCellValueFactory(
                cell -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private Label createStatus() {
        Label status = new Label();
        status.setId("events-status");
        status.setPadding(new Insets(4, 8, 4, 8));
        status.textProperty().bind(model.statusProperty());
        return status;
    }
}
