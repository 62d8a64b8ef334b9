package dev.firstcome.desktop.commerce;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.backend.vendor.VendorConflictException;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Vendors: the list with each one's balance (redemptions, reversals, owed), and the form that creates a
 * vendor or edits the selected one (name, cost per redemption). The form checks what it can before saving
 * (a name, a whole number); every other rule is the API's, and its message is shown under the field it
 * names, worded as the console words the API's errors.
 */
public final class VendorsViewModel {

    /** The form's fields, by the API's names. */
    public enum Field {
        NAME("name", "name"),
        COST("costPerRedemption", "cost per redemption");

        private final String apiName;
        private final String words;

        Field(String apiName, String words) {
            this.apiName = apiName;
            this.words = words;
        }

        static Field of(String apiName) {
            for (Field f : values()) {
                if (f.apiName.equals(apiName)) {
                    return f;
                }
            }
            return null;
        }
    }

    private final VendorApi vendors;
    private final UiExecutor executor;
    private final ObservableList<VendorRow> rows = FXCollections.observableArrayList();
    private final ObservableList<VendorRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<VendorRow> selected = new ReadOnlyObjectWrapper<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty cost = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formTitle = new ReadOnlyStringWrapper("New vendor");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canSave;
    private Field serverField;
    private String serverError;

    public VendorsViewModel(VendorApi vendors, UiExecutor executor) {
        this.vendors = vendors;
        this.executor = executor;
        name.addListener((o, was, now) -> edited(Field.NAME));
        cost.addListener((o, was, now) -> edited(Field.COST));
        canSave = Bindings.createBooleanBinding(
                () -> localError(Field.NAME).isEmpty() && localError(Field.COST).isEmpty() && !saving.get(),
                name,
                cost,
                saving);
        validate();
    }

    /** The vendors, oldest first, each with its balance. */
    public ObservableList<VendorRow> rows() {
        return rowsView;
    }

    /** The vendor the form edits (null: the form creates a new one). */
    public ReadOnlyObjectProperty<VendorRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected vendor's balance in words: "All time: 199 redemptions, 0 reversals, owed 139,300". */
    public javafx.beans.value.ObservableValue<String> balanceTextProperty() {
        return selected.map(row -> balance(row.balance())).orElse("");
    }

    static String balance(VendorBalance balance) {
        if (balance == null) {
            return "";
        }
        return "All time: " + CouponFunnelViewModel.count(balance.redemptions()) + " redemptions, "
                + CouponFunnelViewModel.count(balance.reversals()) + " reversals, owed "
                + CouponFunnelViewModel.count(balance.owed());
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The cost per redemption as typed (whole minor units). */
    public StringProperty costProperty() {
        return cost;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costErrorProperty() {
        return costError.getReadOnlyProperty();
    }

    /** "New vendor" or "Edit Acme (vendor 3)". */
    public ReadOnlyStringProperty formTitleProperty() {
        return formTitle.getReadOnlyProperty();
    }

    /** The last save in words ("Created Acme (vendor 3)"), empty after a failure. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Save is possible: a name, a whole number, nothing under way (the API checks the rest). */
    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    /** Reloads the vendors and their balances; the selection stays on the same vendor. */
    public void refresh() {
        executor.submit("Loading vendors", this::load, this::show);
    }

    private List<VendorRow> load() {
        List<VendorRow> loaded = new ArrayList<>();
        for (VendorView v : vendors.list()) {
            loaded.add(new VendorRow(v, vendors.balance(v.id())));
        }
        return loaded;
    }

    private void show(List<VendorRow> loaded) {
        if (!rows.equals(loaded)) {
            rows.setAll(loaded);
        }
        VendorRow current = selected.get();
        if (current != null) {
            loaded.stream().filter(r -> r.id() == current.id()).findFirst().ifPresent(selected::set);
        }
    }

    /** Edits this vendor in the form (null: a new vendor); the form is reloaded only for another vendor. */
    public void select(VendorRow row) {
        VendorRow current = selected.get();
        if (row != null && current != null && row.id() == current.id()) {
            selected.set(row);
            return;
        }
        selected.set(row);
        result.set("");
        serverField = null;
        serverError = null;
        name.set(row == null ? "" : row.vendor().name());
        cost.set(row == null ? "" : Long.toString(row.vendor().costPerRedemption()));
        formTitle.set(row == null ? "New vendor" : "Edit " + describe(row.vendor()));
        validate();
    }

    /** Clears the form for a new vendor. */
    public void newVendor() {
        select(null);
    }

    /** Creates the vendor, or saves the selected one; false (nothing sent) while the form has errors. */
    public boolean save() {
        validate();
        if (!canSave.get()) {
            return false;
        }
        VendorDraft draft =
                new VendorDraft(name.get(), Long.parseLong(cost.get().strip()));
        VendorRow editing = selected.get();
        saving.set(true);
        result.set("");
        if (editing == null) {
            executor.submit(
                    "Creating vendor " + draft.name().strip(),
                    () -> vendors.create(draft),
                    created -> saved(created, "Created "),
                    this::failed);
        } else {
            long id = editing.id();
            executor.submit(
                    "Saving vendor " + id,
                    () -> vendors.update(id, draft),
                    updated -> saved(updated, "Saved "),
                    this::failed);
        }
        return true;
    }

    private void saved(VendorView vendor, String verb) {
        saving.set(false);
        VendorRow row = new VendorRow(vendor, balanceOf(vendor.id()));
        selected.set(null);
        select(row);
        result.set(verb + describe(vendor));
        refresh();
    }

    private VendorBalance balanceOf(long id) {
        return rows.stream()
                .filter(r -> r.id() == id)
                .map(VendorRow::balance)
                .findFirst()
                .orElse(null);
    }

    /** An error the API names a field for goes under that field; a name taken goes under the name. */
    private void failed(Throwable failure) {
        saving.set(false);
        Throwable cause = failure;
        while (cause.getCause() != null
                && !(cause instanceof InvalidRequestException)
                && !(cause instanceof VendorConflictException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidRequestException invalid && Field.of(invalid.field()) != null) {
            serverField = Field.of(invalid.field());
            serverError = inWords(invalid.getMessage());
        } else if (cause instanceof VendorConflictException) {
            serverField = Field.NAME;
            serverError = UiErrors.describe(cause);
        } else {
            result.set("Not saved: " + UiErrors.describe(failure));
        }
        validate();
    }

    private void edited(Field field) {
        if (field == serverField) {
            serverField = null;
            serverError = null;
        }
        validate();
    }

    private void validate() {
        nameError.set(error(Field.NAME));
        costError.set(error(Field.COST));
    }

    private String error(Field field) {
        String local = localError(field);
        if (!local.isEmpty()) {
            return local;
        }
        return field == serverField ? serverError : "";
    }

    /** What the form checks itself, in the API's words ("Name is required"). */
    private String localError(Field field) {
        return switch (field) {
            case NAME -> name.get() == null || name.get().isBlank() ? "Name is required" : "";
            case COST -> costError(cost.get());
        };
    }

    static String costError(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return "Cost per redemption is required";
        }
        if (!value.matches("-?\\d{1,18}")) {
            return "Cost per redemption must be a whole number of minor units (e.g. 700 for 7.00)";
        }
        return "";
    }

    /** The API's message with its field names in words: "Cost per redemption must be between 0 and …". */
    static String inWords(String message) {
        String text = message == null ? "" : message.strip();
        for (Field field : Field.values()) {
            text = text.replaceAll("\\b" + field.apiName + "\\b", field.words);
        }
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "Acme (vendor 3)". */
    static String describe(VendorView vendor) {
        return vendor.name() + " (vendor " + vendor.id() + ")";
    }
}
