package dev.firstcome.desktop.rush;

import dev.firstcome.desktop.shell.ShellView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** The Rush section: start a rehearsal rush, and the running rush's progress. */
public final class RushView implements ShellView.SectionView {

    private final VBox root = new VBox(12);

    public RushView(RushViewModel model, Runnable openDialog) {
        root.setId("rush-view");
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
        status.textProperty()
                .bind(Bindings.when(model.runningProperty())
                        .then(model.progressTextProperty())
                        .otherwise(""));
        root.getChildren().addAll(title, text, open, bar, status);
    }

    @Override
    public Node root() {
        return root;
    }
}
