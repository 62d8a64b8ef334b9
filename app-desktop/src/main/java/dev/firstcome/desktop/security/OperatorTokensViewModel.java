package dev.firstcome.desktop.security;

import dev.firstcome.backend.security.OperatorTokenApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.IssuedOperatorToken;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import java.util.Comparator;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Operator tokens: the list (active first), the create form (name, role), the secret of the token just
 * created (held only until the operator dismisses it), and revoke.
 */
public final class OperatorTokensViewModel {

    private final OperatorTokenApi tokens;
    private final UiExecutor executor;
    private final ObservableList<OperatorTokenView> list = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<OperatorTokenView> listView = FXCollections.unmodifiableObservableList(list);

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<OperatorRole> role = new SimpleObjectProperty<>(OperatorRole.VIEWER);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper issuedSecret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper issuedName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final BooleanBinding canCreate = Bindings.createBooleanBinding(
            () -> !name.get().isBlank() && role.get() != null && !busy.get(), name, role, busy);

    public OperatorTokensViewModel(OperatorTokenApi tokens, UiExecutor executor) {
        this.tokens = tokens;
        this.executor = executor;
    }

    /** Active tokens first, then the newest first. */
    public ObservableList<OperatorTokenView> tokens() {
        return listView;
    }

    /** The new token's name (whose it is). */
    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<OperatorRole> roleProperty() {
        return role;
    }

    /** True while a create or revoke is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Create is possible: a name typed, a role chosen, nothing under way (the backend checks the rest). */
    public BooleanBinding canCreateProperty() {
        return canCreate;
    }

    /** The one-line description of the chosen role. */
    public ObservableValue<String> roleDescriptionProperty() {
        return role.map(OperatorTokensViewModel::describe).orElse("");
    }

    /**
     * The secret of the token just created, until {@link #dismissSecret()}: empty otherwise. The console
     * shows it once; it is never stored but as a hash and never shown again.
     */
    public ReadOnlyStringProperty issuedSecretProperty() {
        return issuedSecret.getReadOnlyProperty();
    }

    /** The name of the token whose secret is shown (empty when none is). */
    public ReadOnlyStringProperty issuedNameProperty() {
        return issuedName.getReadOnlyProperty();
    }

    /** The last create or revoke in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public void refresh() {
        executor.submit("Loading operator tokens", tokens::list, this::show);
    }

    private void show(List<OperatorTokenView> loaded) {
        list.setAll(loaded.stream()
                .sorted(Comparator.comparing(OperatorTokenView::active)
                        .reversed()
                        .thenComparing(OperatorTokenView::id, Comparator.reverseOrder()))
                .toList());
    }

    /** Creates a token from the form; on success its secret is exposed once and the form is cleared. */
    public void create() {
        if (busy.get()) {
            return;
        }
        OperatorTokenDraft draft = new OperatorTokenDraft(name.get().strip(), role.get());
        busy.set(true);
        result.set("");
        executor.submit(
                "Creating the token",
                () -> tokens.create(draft),
                issued -> {
                    busy.set(false);
                    showSecret(issued);
                    name.set("");
                    result.set("Created " + describe(issued.token()));
                    refresh();
                },
                failure -> busy.set(false));
    }

    private void showSecret(IssuedOperatorToken issued) {
        issuedName.set(issued.token().name());
        issuedSecret.set(issued.secret());
    }

    /** Forgets the secret shown after a creation (the window closes; nothing keeps it). */
    public void dismissSecret() {
        issuedSecret.set("");
        issuedName.set("");
    }

    /** Revokes this token (the view asks first); it stops working at once on every server. */
    public void revoke(OperatorTokenView token) {
        if (token == null || !token.active() || busy.get()) {
            return;
        }
        busy.set(true);
        result.set("");
        executor.submit(
                "Revoking " + token.name(),
                () -> tokens.revoke(token.id()),
                revoked -> {
                    busy.set(false);
                    result.set("Revoked " + describe(revoked));
                    refresh();
                },
                failure -> busy.set(false));
    }

    /** "ci-deploy (OPERATOR, token 7)". */
    static String describe(OperatorTokenView token) {
        return token.name() + " (" + token.role() + ", token " + token.id() + ")";
    }

    /** One line per role: what a token of it may do. */
    public static String describe(OperatorRole role) {
        return switch (role) {
            case VIEWER -> "Reads only: events, figures, failed coupons, the audit log, metrics and API docs.";
            case OPERATOR -> "Viewer, and changes events: pause, close, reissue, heal, run rushes.";
            case ADMIN -> "Operator, and manages operator tokens and settings.";
        };
    }
}
