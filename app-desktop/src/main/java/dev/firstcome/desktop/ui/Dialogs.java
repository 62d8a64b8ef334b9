package dev.firstcome.desktop.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Small modal dialogs shared by the views. */
public final class Dialogs {

    private Dialogs() {}

    /** Asks before a destructive action; true when the operator chose {@code confirmLabel}. */
    public static boolean confirm(Window owner, String title, String text, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, confirm, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirm-dialog");
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    /**
     * Asks before an action that cannot be undone; Cancel is the default button and has the focus, so Enter
     * or Space alone never confirms. True when the operator chose {@code confirmLabel}.
     */
    public static boolean confirmCancelByDefault(Window owner, String title, String text, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, confirm, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirm-dialog");
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        Button cancelButton = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        confirmButton.setDefaultButton(false);
        cancelButton.setDefaultButton(true);
        alert.setOnShown(event -> cancelButton.requestFocus());
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    /** Shows a result or a message; non-blocking. */
    public static void inform(Window owner, String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("info-dialog");
        alert.show();
    }
}
