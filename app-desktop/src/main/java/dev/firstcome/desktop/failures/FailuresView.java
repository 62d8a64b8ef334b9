package dev.firstcome.desktop.failures;

import dev.firstcome.desktop.ui.Dialogs;
import dev.firstcome.model.EventView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/** Failed coupons: filters, the table, reissue selected or all (dry run first if wanted), the result. */
public final class FailuresView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FailuresViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<FailedIssueView> table = new TableView<>();
    private final CheckBox dryRun = new CheckBox("Dry run");

    public FailuresView(FailuresViewModel model) {
        this.model = model;
        root.setId("failures-view");
        root.setTop(createToolbar());
        root.setCenter(createTable());
        root.setBottom(createResult());
    }

    public Node root() {
        return root;
    }

    public void refresh() {
        model.refresh();
    }

    private ToolBar createToolbar() {
        ComboBox<EventView> event = new ComboBox<>();
        event.setId("failures-event");
        event.setPromptText("All events");
        event.setPrefWidth(260);
        event.itemsProperty().bind(new ReadOnlyObjectWrapper<>(model.eventChoices()));
        event.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventView view) {
                return view == null ? "All events" : "#" + view.id() + " " + view.name();
            }

            @Override
            public EventView fromString(String text) {
                return null;
            }
        });
        event.valueProperty().bindBidirectional(model.eventFilterProperty());
        Button allEvents = new Button("All events");
        allEvents.setId("failures-all-events");
        allEvents.setOnAction(e -> model.eventFilterProperty().set(null));
        ComboBox<FailedIssueStatus> status =
                new ComboBox<>(FXCollections.observableArrayList(FailedIssueStatus.values()));
        status.setId("failures-status");
        status.setPromptText("Any status");
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        Button anyStatus = new Button("Any status");
        anyStatus.setOnAction(e -> model.statusFilterProperty().set(null));
        dryRun.setId("reissue-dry-run");
        dryRun.setTooltip(new Tooltip("Show what a reissue would do without changing anything"));
        Button selected = new Button("Reissue selected");
        selected.setId("reissue-selected");
        selected.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        selected.setOnAction(e ->
                model.reissueSelected(List.copyOf(table.getSelectionModel().getSelectedItems()), dryRun.isSelected()));
        Button all = new Button("Reissue all…");
        all.setId("reissue-all");
        all.setOnAction(e -> reissueAll());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        return new ToolBar(
                new Label("Event"),
                event,
                allEvents,
                new Label("Status"),
                status,
                anyStatus,
                new Separator(),
                dryRun,
                selected,
                all,
                refresh);
    }

    private void reissueAll() {
        if (dryRun.isSelected()) {
            model.reissueAll(true);
            return;
        }
        EventView event = model.eventFilterProperty().get();
        String scope = event == null ? "every open failure listed" : "every open failure of " + event.name();
        if (Dialogs.confirm(
                root.getScene().getWindow(),
                "Reissue all?",
                "This reissues " + scope + ". Coupons that already exist are skipped, never doubled.",
                "Reissue all")) {
            model.reissueAll(false);
        }
    }

    private TableView<FailedIssueView> createTable() {
        table.setId("failures-table");
        table.setItems(model.failures());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No failed coupons: every admission was persisted."));
        table.getColumns()
                .addAll(
                        column("Event", f -> Long.toString(f.eventId())),
                        column("User", FailedIssueView::userId),
                        column("Rank", f -> Long.toString(f.rank())),
                        column("Admission", f -> Long.toString(f.admissionId())),
                        column("Reason", FailedIssueView::reason),
                        column("Attempts", f -> Integer.toString(f.attempts())),
                        column("First failure", f -> time(f.firstFailedAt())),
                        column("Last failure", f -> time(f.lastFailedAt())),
                        column("Status", f -> f.status().name()));
        return table;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static TableColumn<FailedIssueView, String> column(String title, Function<FailedIssueView, String> value) {
        TableColumn<FailedIssueView, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private Label createResult() {
        Label result = new Label();
        result.setId("reissue-result");
        result.setPadding(new Insets(6, 8, 6, 8));
        result.setAlignment(Pos.CENTER_LEFT);
        result.textProperty().bind(model.resultProperty());
        return result;
    }
}
