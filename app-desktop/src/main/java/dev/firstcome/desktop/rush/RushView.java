package dev.firstcome.desktop.rush;

import dev.firstcome.desktop.shell.ShellView;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.WarmupPlan;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Rush section: start a rehearsal rush or the launch-day warm-up, and the running one's progress. */
public final class RushView implements ShellView.SectionView {

    private final VBox root = new VBox(12);
    /** At 1024x640 the history is below the fold: the section scrolls, the status bar stays. */
    private final javafx.scene.control.ScrollPane scroller = new javafx.scene.control.ScrollPane(root);

    private final WarmupScheduleViewModel schedule;
    private final RushHistoryViewModel history;

    public RushView(
            RushViewModel model, WarmupScheduleViewModel schedule, RushHistoryViewModel history, Runnable openDialog) {
        this.schedule = schedule;
        this.history = history;
        // a rush or warm-up that ends while the section is shown appears in the history at once
        model.runningProperty().subscribe(running -> {
            if (!running) {
                history.refresh();
            }
        });
        root.setId("rush-view");
        scroller.setFitToWidth(true);
        scroller.setId("rush-section");
        scroller.getStyleClass().add("edge-to-edge");
        root.setPadding(new Insets(24));
        Label title = new Label("Simulate a rush");
        title.getStyleClass().add("title-3");
        Label text = new Label("Rehearse a launch: N virtual users apply over the real HTTP API. Choose an event in"
                + " Events and press Simulate rush (Ctrl+R), or start a rush on fresh rehearsal events here"
                + " (one per admission strategy, for a comparison). The dashboard follows the rush live.");
        text.setWrapText(true);
        Button open = new Button("Simulate rush…");
        open.setId("open-rush");
        open.setOnAction(event -> openDialog.run());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(480);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        Label status = new Label();
        // stays after the end: "COMPLETED" (or the error) of the last rush or warm-up
        status.textProperty().bind(model.progressTextProperty());
        Label warmTitle = new Label("Launch-day warm-up");
        warmTitle.getStyleClass().add("title-4");
        Label warmText = new Label("Minutes before an event opens, a synthetic rush on a lab event through the apply"
                + " server warms the JVM so the first seconds run near warm speed (100,000 users: 70 to 80 % of"
                + " warm throughput in the first 15 s). Start it now, or schedule it some minutes before an"
                + " event's next opening (also POST /api/admin/rush/warmup {\"forEventId\": <id>,"
                + " \"minutesBefore\": 5}).");
        warmText.setWrapText(true);
        TextField warmUsers = new TextField();
        warmUsers.setId("warmup-users");
        warmUsers.setPrefColumnCount(8);
        warmUsers.textProperty().bindBidirectional(model.warmupUsersProperty());
        Button warmUp = new Button("Warm up now");
        warmUp.setId("warm-up");
        warmUp.disableProperty().bind(model.runningProperty());
        warmUp.setOnAction(event -> model.warmUp());
        Label warmError = new Label();
        warmError.setId("warmup-error");
        warmError.getStyleClass().add("danger");
        warmError.textProperty().bind(model.warmupErrorProperty());
        HBox warmRow = new HBox(8, new Label("Users"), warmUsers, warmUp, warmError);
        warmRow.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, text, open, bar, status, new Separator(), warmTitle, warmText, warmRow);
        root.getChildren().addAll(scheduleRow(), scheduleStatus(), plansList(), new Separator(), historyTable());
    }

    /** Finished rushes and warm-ups (kept by the server across restarts), each exportable. */
    private VBox historyTable() {
        TableView<RushHistoryEntry> table = new TableView<>(history.entries());
        table.setId("rush-history");
        table.setPrefHeight(180);
        table.setPlaceholder(new Label("No rush or warm-up has finished yet"));
        table.getColumns()
                .addAll(
                        column("Finished", history::finishedAt, 125),
                        column("Kind · by", RushHistoryViewModel::kind, 120),
                        column("Strategies", RushHistoryViewModel::strategies, 110),
                        column("Users", RushHistoryViewModel::users, 70),
                        column("Issued", RushHistoryViewModel::issued, 70),
                        column("Oversold", RushHistoryViewModel::oversold, 80),
                        column("Duplicates", RushHistoryViewModel::duplicates, 90),
                        column("Best req/s", RushHistoryViewModel::throughput, 90),
                        column("Worst p99 (ms)", RushHistoryViewModel::p99, 110),
                        column("State", RushHistoryViewModel::state, 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var selected = table.getSelectionModel().selectedItemProperty();
        Button csv = new Button("Export CSV…");
        csv.setId("rush-history-csv");
        csv.disableProperty().bind(selected.isNull());
        csv.setOnAction(e -> export(table, selected.get(), false));
        Button markdown = new Button("Export Markdown…");
        markdown.setId("rush-history-markdown");
        markdown.disableProperty().bind(selected.isNull());
        markdown.setOnAction(e -> export(table, selected.get(), true));
        Label written = new Label();
        written.setId("rush-history-message");
        written.textProperty().bind(history.messageProperty());
        HBox actions = new HBox(8, csv, markdown, written);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label caption = new Label("Past rushes and warm-ups (kept across restarts)");
        caption.getStyleClass().add("text-muted");
        return new VBox(6, caption, table, actions);
    }

    private void export(TableView<?> table, RushHistoryEntry entry, boolean markdown) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName("rush-" + entry.rushId() + (markdown ? ".md" : ".csv"));
        java.io.File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            history.export(entry, file.toPath(), markdown);
        }
    }

    private static TableColumn<RushHistoryEntry, String> column(
            String title, java.util.function.Function<RushHistoryEntry, String> value, double width) {
        TableColumn<RushHistoryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        // never narrower than its (bold) header: the headers were cut at 1280 px
        column.setMinWidth(Math.max(
                width, new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.2 + 24));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return column;
    }

    private HBox scheduleRow() {
        ComboBox<EventView> event = new ComboBox<>(schedule.upcomingEvents());
        event.setId("warmup-event");
        event.setPromptText("Event with an opening ahead");
        event.setPrefWidth(500);
        event.valueProperty().bindBidirectional(schedule.eventProperty());
        event.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventView e) {
                return schedule.describeEvent(e);
            }

            @Override
            public EventView fromString(String text) {
                return null;
            }
        });
        TextField minutes = new TextField();
        minutes.setId("warmup-minutes");
        minutes.setPrefColumnCount(4);
        minutes.textProperty().bindBidirectional(schedule.minutesBeforeProperty());
        Button plan = new Button("Schedule");
        plan.setId("schedule-warm-up");
        plan.setOnAction(e -> schedule.schedule());
        Label problem = new Label();
        problem.setId("warmup-schedule-error");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(schedule.errorProperty());
        HBox row =
                new HBox(8, new Label("Before"), event, minutes, new Label("minutes before it opens"), plan, problem);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Label scheduleStatus() {
        Label done = new Label();
        done.setId("warmup-schedule-status");
        done.setWrapText(true);
        done.textProperty().bind(schedule.confirmationProperty());
        return done;
    }

    private VBox plansList() {
        ListView<WarmupPlan> plans = new ListView<>(schedule.plans());
        plans.setId("warmup-plans");
        plans.setPrefHeight(130);
        plans.setPlaceholder(new Label("No warm-up scheduled or started yet"));
        plans.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(WarmupPlan item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : schedule.describe(item));
            }
        });
        Button cancel = new Button("Cancel selected warm-up");
        cancel.setId("cancel-warm-up");
        cancel.disableProperty()
                .bind(plans.getSelectionModel()
                        .selectedItemProperty()
                        .map(p -> p.rushId() != null)
                        .orElse(true));
        cancel.setOnAction(e -> schedule.cancel(plans.getSelectionModel().getSelectedItem()));
        Label caption = new Label("Warm-ups scheduled or started");
        caption.getStyleClass().add("text-muted");
        return new VBox(6, caption, plans, cancel);
    }

    @Override
    public void setActive(boolean active) {
        if (active) {
            schedule.refresh();
            history.refresh();
        }
    }

    @Override
    public Node root() {
        return scroller;
    }
}
