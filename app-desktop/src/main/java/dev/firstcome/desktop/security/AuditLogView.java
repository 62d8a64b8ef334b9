package dev.firstcome.desktop.security;

import dev.firstcome.model.AuditEntry;
import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The audit log: filters, the entries, the selected one's before and after, Export CSV. */
final class AuditLogView {

    private final AuditLogViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<AuditEntry> table = new TableView<>();

    AuditLogView(AuditLogViewModel model) {
        this.model = model;
        root.setId("audit-view");
        root.setPadding(new Insets(12));
        root.setTop(createFilters());
        SplitPane split = new SplitPane(createTable(), createDetail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        root.setBottom(createStatus());
    }

    Node root() {
        return root;
    }

    private Node createFilters() {
        TextField actor = filter("audit-actor", "e.g. console", model.actorProperty());
        TextField action = filter("audit-action", "e.g. revoke", model.actionProperty());
        TextField target = filter("audit-target", "e.g. event:42", model.targetProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-audit");
        refresh.setOnAction(event -> model.refresh());
        Button export = new Button("Export CSV…");
        export.setId("export-audit");
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.entries()));
        export.setOnAction(event -> exportCsv());
        Label actorCaption = new Label("Actor");
        Label actionCaption = new Label("Action");
        Label targetCaption = new Label("Target");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar =
                new HBox(8, actorCaption, actor, actionCaption, action, targetCaption, target, refresh, spacer, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 10, 0));
        for (Region region : new Region[] {actorCaption, actionCaption, targetCaption, refresh, export}) {
            region.setMinWidth(Region.USE_PREF_SIZE);
        }
        return bar;
    }

    private TextField filter(String id, String prompt, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(12);
        field.setMinWidth(80);
        HBox.setHgrow(field, Priority.SOMETIMES);
        field.textProperty().bindBidirectional(value);
        field.setOnAction(event -> model.refresh());
        return field;
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit log");
        chooser.setInitialFileName("firstcome-audit.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }

    private TableView<AuditEntry> createTable() {
        table.setId("audit-table");
        table.setItems(model.entries());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No audit entries match the filters."));
        table.getColumns()
                .addAll(
                        timeColumn(),
                        column("Actor", AuditEntry::actor, 220),
                        column("Action", AuditEntry::action, 170),
                        column("Target", AuditEntry::target, 200));
        table.getSelectionModel().selectedItemProperty().subscribe(model.selectedProperty()::set);
        return table;
    }

    private TableColumn<AuditEntry, String> timeColumn() {
        TableColumn<AuditEntry, String> column = column("Time", e -> model.time(e.at()), 170);
        column.setMinWidth(165);
        return column;
    }

    private static TableColumn<AuditEntry, String> column(
            String title, Function<AuditEntry, String> value, double width) {
        TableColumn<AuditEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private Node createDetail() {
        HBox detail = new HBox(
                10,
                json("audit-before", "Before", "(nothing before: a creation)", model.beforeProperty()),
                json("audit-after", "After", "(nothing after: a removal)", model.afterProperty()));
        detail.setPadding(new Insets(8, 0, 0, 0));
        detail.setMinHeight(100);
        return detail;
    }

    private VBox json(String id, String caption, String empty, ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("monospace");
        area.promptTextProperty()
                .bind(model.selectedProperty().map(entry -> empty).orElse("Select an entry to see its state"));
        area.textProperty().bind(text);
        VBox box = new VBox(4, new Label(caption), area);
        VBox.setVgrow(area, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(1);
        return box;
    }

    private Label createStatus() {
        Label status = new Label();
        status.setId("audit-status");
        status.setPadding(new Insets(6, 0, 0, 0));
        status.textProperty().bind(model.statusProperty());
        return status;
    }
}
