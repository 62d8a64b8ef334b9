package dev.firstcome.desktop.rush;

import dev.firstcome.desktop.shell.ShellView;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The Rush section until the rush simulator is wired: explains where rushes are started. */
public final class RushPlaceholderView implements ShellView.SectionView {

    private final VBox root = new VBox(12);

    public RushPlaceholderView() {
        root.setId("rush-view");
        root.setPadding(new Insets(24));
        Label title = new Label("Simulate a rush");
        title.getStyleClass().add("title-3");
        Label text = new Label("Choose an event in Events and press Simulate rush (Ctrl+R).");
        root.getChildren().addAll(title, text);
    }

    @Override
    public Node root() {
        return root;
    }
}
