package dev.firstcome.desktop.security;

import dev.firstcome.desktop.ui.Dialogs;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Operator tokens: the create form, the list, revoke; the secret of a new token in a dialog, once. */
final class OperatorTokensView {

    private final OperatorTokensViewModel model;
    private final DateTimeFormatter time;
    private final VBox root = new VBox(10);
    private final TableView<OperatorTokenView> table = new TableView<>();
    private Dialog<ButtonType> secretDialog;

    OperatorTokensView(OperatorTokensViewModel model, ZoneId zone) {
        this.model = model;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        root.setId("tokens-view");
        root.setPadding(new Insets(12));
        root.getChildren().addAll(createForm(), createToolbar(), createTable());
        VBox.setVgrow(table, Priority.ALWAYS);
        model.issuedSecretProperty().subscribe(secret -> {
            if (!secret.isEmpty()) {
                showSecret();
            }
        });
    }

    Node root() {
        return root;
    }

    private Node createForm() {
        Label title = new Label("New operator token");
        title.getStyleClass().add("title-4");
        TextField name = new TextField();
        name.setId("token-name");
        name.setPromptText("Whose it is, e.g. ci-deploy or alice");
        name.setPrefColumnCount(22);
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setOnAction(event -> create());
        ComboBox<OperatorRole> role = new ComboBox<>(FXCollections.observableArrayList(OperatorRole.values()));
        role.setId("token-role");
        role.setPrefWidth(140); // the button beside it stays put whichever role is shown
        role.valueProperty().bindBidirectional(model.roleProperty());
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(OperatorRole value) {
                return value == null ? "" : value.name();
            }

            @Override
            public OperatorRole fromString(String text) {
                return OperatorRole.valueOf(text);
            }
        });
        Button create = new Button("Create token");
        create.setId("create-token");
        create.setDefaultButton(false);
        create.disableProperty().bind(model.canCreateProperty().not());
        create.setOnAction(event -> create());
        Label roleDescription = new Label();
        roleDescription.setId("token-role-description");
        roleDescription.getStyleClass().add("text-muted");
        roleDescription.setWrapText(true);
        roleDescription.textProperty().bind(model.roleDescriptionProperty());
        HBox row = new HBox(8, new Label("Name"), name, new Label("Role"), role, create);
        row.setAlignment(Pos.CENTER_LEFT);
        for (Node node : row.getChildren()) {
            if (node instanceof Region region && node != name) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return new VBox(6, title, row, roleDescription);
    }

    private void create() {
        if (model.canCreateProperty().get()) {
            model.create();
        }
    }

    private Node createToolbar() {
        Button revoke = new Button("Revoke selected…");
        revoke.setId("revoke-token");
        var selected = table.getSelectionModel().selectedItemProperty();
        revoke.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selected.get() == null
                                || !selected.get().active()
                                || model.busyProperty().get(),
                        selected,
                        model.busyProperty()));
        revoke.setOnAction(event -> revokeSelected());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-tokens");
        refresh.setOnAction(event -> model.refresh());
        Label result = new Label();
        result.setId("token-result");
        result.textProperty().bind(model.resultProperty());
        Label title = new Label("Tokens");
        title.getStyleClass().add("title-4");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, result, revoke, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 0, 0, 0));
        revoke.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    private void revokeSelected() {
        OperatorTokenView token = table.getSelectionModel().getSelectedItem();
        if (token == null || !token.active()) {
            return;
        }
        if (Dialogs.confirmCancelByDefault(
                root.getScene().getWindow(),
                "Revoke " + token.name() + "?",
                "The token \"" + token.name() + "\" (" + token.role() + ", token " + token.id()
                        + ") stops working at once on every server. This cannot be undone: a new token would"
                        + " have to be created and handed out.",
                "Revoke " + token.name())) {
            model.revoke(token);
        }
    }

    private TableView<OperatorTokenView> createTable() {
        table.setId("tokens-table");
        table.setItems(model.tokens());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No operator tokens yet: only the admin (bootstrap) token works."));
        TableColumn<OperatorTokenView, String> state = column("State", t -> t.active() ? "ACTIVE" : "REVOKED", 100);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("component-up", "component-down");
                if (!empty && item != null) {
                    getStyleClass().add(item.equals("ACTIVE") ? "component-up" : "component-down");
                }
            }
        });
        TableColumn<OperatorTokenView, String> name = column("Name", OperatorTokenView::name, 200);
        TableColumn<OperatorTokenView, String> role =
                column("Role", t -> t.role().name(), 100);
        // the short words are never cut: a narrow window shortens the names first
        name.setMinWidth(80);
        role.setMinWidth(95);
        state.setMinWidth(95);
        table.getColumns()
                .addAll(
                        name,
                        role,
                        state,
                        timeColumn("Created", OperatorTokenView::createdAt),
                        byColumn("Created by", OperatorTokenView::createdBy),
                        timeColumn("Revoked", OperatorTokenView::revokedAt),
                        byColumn("Revoked by", t -> t.revokedBy() == null ? "" : t.revokedBy()));
        return table;
    }

    /** Who: a token's name and id, {@code console} or the bootstrap admin; its header is never cut. */
    private static TableColumn<OperatorTokenView, String> byColumn(
            String title, Function<OperatorTokenView, String> who) {
        TableColumn<OperatorTokenView, String> column = column(title, who, 160);
        column.setMinWidth(105);
        return column;
    }

    /** A date and time to the second, never cut. */
    private TableColumn<OperatorTokenView, String> timeColumn(String title, Function<OperatorTokenView, Instant> at) {
        TableColumn<OperatorTokenView, String> column = column(title, t -> time(at.apply(t)), 170);
        column.setMinWidth(165);
        return column;
    }

    private String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    private static TableColumn<OperatorTokenView, String> column(
            String title, Function<OperatorTokenView, String> value, double width) {
        TableColumn<OperatorTokenView, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** The secret of the token just created, with Copy; closing forgets it (the model clears it). */
    private void showSecret() {
        if (secretDialog == null) {
            secretDialog = createSecretDialog();
        }
        if (!secretDialog.isShowing()) {
            secretDialog.show();
        }
    }

    private Dialog<ButtonType> createSecretDialog() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Operator token created");
        dialog.headerTextProperty().bind(model.issuedNameProperty().map(name -> "Token for " + name));
        dialog.getDialogPane().setId("token-secret-dialog");
        ButtonType done = new ButtonType("Done", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(done);
        TextField secret = new TextField();
        secret.setId("token-secret");
        secret.setEditable(false);
        secret.setPrefColumnCount(54); // the whole secret (fc_ and 48 hex digits) without scrolling
        secret.getStyleClass().add("monospace");
        secret.textProperty().bind(model.issuedSecretProperty());
        Button copy = new Button("Copy");
        copy.setId("copy-token-secret");
        copy.setTooltip(new Tooltip("Copy the token to the clipboard"));
        copy.setOnAction(event -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(model.issuedSecretProperty().get());
            Clipboard.getSystemClipboard().setContent(clip);
        });
        HBox row = new HBox(8, secret, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(secret, Priority.ALWAYS);
        Label once = new Label("This is the only time the token is shown; it is stored only as a hash.");
        once.setId("token-secret-note");
        once.setWrapText(true);
        Label use = new Label("Send it as \"Authorization: Bearer <token>\" to the admin API.");
        use.getStyleClass().add("text-muted");
        dialog.getDialogPane().setContent(new VBox(10, once, row, use));
        dialog.setOnHidden(event -> model.dismissSecret());
        return dialog;
    }
}
