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
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(createTable(), createDetail());
        split.setDividerPositions(0.68);
        root.setCenter(split);
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
        selected.setOnAction(e -> reissueSelected());
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

    private void reissueSelected() {
        List<FailedIssueView> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (dryRun.isSelected()) {
            model.reissueSelected(chosen, true);
            return;
        }
        if (Dialogs.confirmCancelByDefault(
                root.getScene().getWindow(),
                "Reissue " + chosen.size() + " selected failed coupon" + (chosen.size() == 1 ? "" : "s") + "?",
                "Coupons that already exist are skipped, never doubled.",
                "Reissue " + chosen.size())) {
            model.reissueSelected(chosen, false);
        }
    }

    private void reissueAll() {
        if (dryRun.isSelected()) {
            model.reissueAll(true);
            return;
        }
        EventView event = model.eventFilterProperty().get();
        long count = model.openListed();
        String scope = event == null ? "listed" : "of " + event.name();
        if (Dialogs.confirmCancelByDefault(
                root.getScene().getWindow(),
                "Reissue all " + count + " open failed coupon" + (count == 1 ? "" : "s") + " " + scope + "?",
                "This writes " + count + " coupon" + (count == 1 ? "" : "s")
                        + " to the database. Coupons that already exist are skipped, never doubled.",
                "Reissue " + count)) {
            model.reissueAll(false);
        }
    }

    private javafx.scene.control.TextArea createDetail() {
        javafx.scene.control.TextArea detail = new javafx.scene.control.TextArea(model.detail(null));
        detail.setId("failure-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> detail.setText(model.detail(now)));
        return detail;
    }

    private TableView<FailedIssueView> createTable() {
        table.setId("failures-table");
        table.setItems(model.failures());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No failed coupons: every admission was persisted."));
        table.getColumns()
                .addAll(
                        column("Event", f -> model.eventName(f.eventId())),
                        column("User", FailedIssueView::userId),
                        column("Rank", f -> Long.toString(f.rank())),
                        column("Admission", f -> Long.toString(f.admissionId())),
                        reasonColumn(),
                        column("Attempts", f -> Integer.toString(f.attempts())),
                        column("First failure", f -> time(f.firstFailedAt())),
                        column("Last failure", f -> time(f.lastFailedAt())),
                        column("Status", f -> f.status().name()));
        return table;
    }

    /** The reason cut to the column, the full text in its tooltip and in the detail pane. */
    private TableColumn<FailedIssueView, String> reasonColumn() {
        TableColumn<FailedIssueView, String> column = column("Reason", FailedIssueView::reason);
        column.setPrefWidth(220);
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        return column;
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
