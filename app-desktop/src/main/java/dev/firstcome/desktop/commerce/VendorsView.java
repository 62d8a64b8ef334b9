package dev.firstcome.desktop.commerce;

import dev.firstcome.model.SettlementDay;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Vendors tab: the vendors with their balances and the form that creates or edits one (left), the
 * selected vendor's settlement per day with its CSV export (right).
 */
final class VendorsView {

    private final VendorsViewModel model;
    private final SettlementViewModel settlement;
    private final GridPane root = new GridPane();
    private final TableView<VendorRow> table = new TableView<>();

    VendorsView(VendorsViewModel model, SettlementViewModel settlement) {
        this.model = model;
        this.settlement = settlement;
        root.setId("vendors-view");
        root.setPadding(new Insets(12));
        root.setHgap(16);
        ColumnConstraints left = new ColumnConstraints();
        left.setPercentWidth(50);
        ColumnConstraints right = new ColumnConstraints();
        right.setPercentWidth(50);
        root.getColumnConstraints().addAll(left, right);
        Label units = new Label("Amounts in minor units (700 = 7.00); owed: booked in the settlement ledger");
        units.getStyleClass().add("text-muted");
        units.setWrapText(true);
        units.setMinHeight(Region.USE_PREF_SIZE);
        VBox vendors = new VBox(8, createHeader(), createTable(), units, createForm());
        VBox.setVgrow(table, Priority.ALWAYS);
        Node report = createSettlement();
        root.add(vendors, 0, 0);
        root.add(report, 1, 0);
        GridPane.setVgrow(vendors, Priority.ALWAYS);
        GridPane.setVgrow(report, Priority.ALWAYS);
        // the table follows the model's selection (a save selects the saved vendor) and the other way round
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                model.select(row);
            }
        });
        model.selectedProperty().addListener((o, was, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else {
                selectInTable(row);
            }
            settlement.vendorProperty().set(row == null ? null : row.vendor());
        });
        // a reload replaces the rows (and clears the table's selection): the same vendor is selected again
        model.rows().addListener((javafx.collections.ListChangeListener<VendorRow>) change -> {
            VendorRow row = model.selectedProperty().get();
            if (row != null) {
                selectInTable(row);
            }
        });
    }

    private void selectInTable(VendorRow row) {
        if (table.getSelectionModel().getSelectedItem() != row) {
            table.getItems().stream()
                    .filter(r -> r.id() == row.id())
                    .findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        }
    }

    Node root() {
        return root;
    }

    private HBox createHeader() {
        Label title = new Label("Vendors");
        title.getStyleClass().add("title-4");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-vendors");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> {
            model.refresh();
            settlement.load();
        });
        HBox header = new HBox(8, title, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        return header;
    }

    private TableView<VendorRow> createTable() {
        table.setId("vendors-table");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("No vendor yet: create one below"));
        TableColumn<VendorRow, String> name = column("Name", r -> r.vendor().name(), 150);
        name.setMinWidth(80);
        TableColumn<VendorRow, String> cost = number("Cost", r -> r.vendor().costPerRedemption());
        TableColumn<VendorRow, String> owed =
                number("Owed", r -> r.balance() == null ? null : r.balance().owed());
        owed.setMinWidth(Math.max(owed.getMinWidth(), 90));
        owed.setPrefWidth(owed.getMinWidth());
        table.getColumns().addAll(List.of(name, cost, owed));
        // the figures keep their width; the name takes the rest
        name.prefWidthProperty().bind(table.widthProperty().subtract(cost.getPrefWidth() + owed.getPrefWidth() + 18));
        table.setMinHeight(120);
        return table;
    }

    private VBox createForm() {
        Label title = new Label();
        title.setId("vendor-form-title");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(model.formTitleProperty());
        TextField name = new TextField();
        name.setId("vendor-name");
        name.setPromptText("e.g. Acme Coffee");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setOnAction(e -> model.save());
        TextField cost = new TextField();
        cost.setId("vendor-cost");
        cost.setPromptText("minor units, e.g. 700");
        cost.setPrefColumnCount(10);
        cost.textProperty().bindBidirectional(model.costProperty());
        cost.setOnAction(e -> model.save());
        Label nameError = error("vendor-name-error", model.nameErrorProperty());
        Label costError = error("vendor-cost-error", model.costErrorProperty());
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(2);
        Label nameCaption = new Label("Name");
        Label costCaption = new Label("Cost per redemption");
        costCaption.setTooltip(new Tooltip("What the vendor is paid for each redemption, in minor units"));
        nameCaption.setMinWidth(Region.USE_PREF_SIZE);
        costCaption.setMinWidth(Region.USE_PREF_SIZE);
        fields.addRow(0, nameCaption, name);
        fields.add(nameError, 1, 1);
        fields.addRow(2, costCaption, cost);
        fields.add(costError, 1, 3);
        ColumnConstraints captions = new ColumnConstraints();
        captions.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        fields.getColumnConstraints().addAll(captions, inputs);
        Button save = new Button();
        save.setId("save-vendor");
        save.textProperty().bind(model.selectedProperty().map(r -> "Save").orElse("Create vendor"));
        save.disableProperty().bind(model.canSaveProperty().not());
        save.setOnAction(e -> model.save());
        save.getStyleClass().add("accent");
        Button fresh = new Button("New vendor");
        fresh.setId("new-vendor");
        fresh.disableProperty().bind(model.selectedProperty().isNull());
        fresh.setOnAction(e -> model.newVendor());
        Label result = new Label();
        result.setId("vendor-result");
        result.textProperty().bind(model.resultProperty());
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.managedProperty().bind(result.textProperty().isNotEmpty());
        result.visibleProperty().bind(result.managedProperty());
        for (Button b : new Button[] {save, fresh}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(8, save, fresh);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox form = new VBox(6, title, fields, actions, result);
        form.setId("vendor-form");
        form.getStyleClass().add("tile");
        return form;
    }

    private static Label error(String id, javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll("danger", "text-small");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    private VBox createSettlement() {
        Label title = new Label();
        title.getStyleClass().add("title-4");
        title.setId("settlement-title");
        title.textProperty()
                .bind(settlement
                        .vendorProperty()
                        .map(v -> "Settlement of " + v.name())
                        .orElse("Settlement"));
        DatePicker from = new DatePicker();
        from.setId("settlement-from");
        from.valueProperty().bindBidirectional(settlement.fromProperty());
        iso(from);
        DatePicker to = new DatePicker();
        to.setId("settlement-to");
        to.valueProperty().bindBidirectional(settlement.toProperty());
        iso(to);
        Label fromCaption = new Label("From");
        Label toCaption = new Label("to");
        fromCaption.setMinWidth(Region.USE_PREF_SIZE);
        toCaption.setMinWidth(Region.USE_PREF_SIZE);
        Label balance = new Label();
        balance.setId("vendor-balance");
        balance.setWrapText(true);
        balance.setMinHeight(Region.USE_PREF_SIZE);
        balance.textProperty().bind(model.balanceTextProperty());
        HBox dates = new HBox(6, fromCaption, from, toCaption, to);
        dates.setAlignment(Pos.CENTER_LEFT);
        Label zone = new Label("Days in " + settlement.zone().getId() + ", both included");
        zone.getStyleClass().add("text-muted");
        Label problem = error("settlement-error", settlement.errorProperty());
        TableView<SettlementDay> days = new TableView<>(settlement.days());
        days.setId("settlement-table");
        days.setPlaceholder(new Label("Select a vendor: nothing settled on these days yet"));
        days.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SettlementDay, String> day = new TableColumn<>("Day");
        day.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().day().toString()));
        day.setMinWidth(95);
        days.getColumns()
                .addAll(
                        day,
                        dayNumber("Redeemed", SettlementDay::redemptions),
                        dayNumber("Reversed", SettlementDay::reversals),
                        dayNumber("Owed", SettlementDay::owed));
        days.setMinHeight(100);
        VBox.setVgrow(days, Priority.ALWAYS);
        Label total = new Label();
        total.setId("settlement-total");
        total.setWrapText(true);
        total.setMinHeight(Region.USE_PREF_SIZE);
        total.textProperty().bind(settlement.totalProperty());
        Label lag = new Label();
        lag.setId("settlement-lag");
        lag.getStyleClass().add("text-muted");
        lag.setWrapText(true);
        lag.setMinHeight(Region.USE_PREF_SIZE);
        lag.textProperty()
                .bind(settlement
                        .settlementLagProperty()
                        .map(text -> text.isEmpty()
                                ? ""
                                : "Settlement consumer " + text + ": the ledger trails redemptions by it"));
        Button export = new Button("Export CSV…");
        export.setId("settlement-export");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.disableProperty()
                .bind(settlement
                        .vendorProperty()
                        .isNull()
                        .or(settlement.errorProperty().isNotEmpty()));
        export.setOnAction(e -> export());
        Label written = new Label();
        written.setId("settlement-message");
        written.textProperty().bind(settlement.messageProperty());
        written.setMinWidth(0);
        HBox actions = new HBox(8, export, written);
        actions.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, title, balance, dates, zone, problem, days, total, lag, actions);
    }

    /** Dates as 2026-06-01, like the report's days. */
    private static void iso(DatePicker picker) {
        var format = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE;
        picker.setConverter(new javafx.util.converter.LocalDateStringConverter(format, format));
        picker.setPromptText("2026-06-01");
        picker.setPrefWidth(140);
        picker.setMinWidth(120);
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the settlement as CSV");
        chooser.setInitialFileName(settlement.fileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            settlement.exportCsv(file.toPath());
        }
    }

    private static TableColumn<VendorRow, String> column(
            String title, Function<VendorRow, String> value, double width) {
        TableColumn<VendorRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    /** A right-aligned figure whose header is never cut ("–" when the balance could not be read). */
    private static TableColumn<VendorRow, String> number(String title, Function<VendorRow, Long> value) {
        TableColumn<VendorRow, String> column = column(
                title,
                r -> {
                    Long n = value.apply(r);
                    return n == null ? "–" : CouponFunnelViewModel.count(n);
                },
                headerWidth(title));
        column.setMinWidth(headerWidth(title));
        column.setCellFactory(c -> rightAligned());
        return column;
    }

    private static TableColumn<SettlementDay, String> dayNumber(String title, Function<SettlementDay, Long> value) {
        TableColumn<SettlementDay, String> column = new TableColumn<>(title);
        column.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(CouponFunnelViewModel.count(value.apply(c.getValue()))));
        column.setMinWidth(headerWidth(title));
        column.setPrefWidth(headerWidth(title));
        column.setCellFactory(c -> rightAligned());
        return column;
    }

    private static double headerWidth(String title) {
        return new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.2 + 24;
    }

    private static <S> TableCell<S, String> rightAligned() {
        TableCell<S, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }
}
