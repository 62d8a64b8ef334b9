package dev.firstcome.desktop.rush;

import dev.firstcome.desktop.shell.ShellView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Rush section: start a rehearsal rush or the launch-day warm-up, and the running one's progress. */
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
        // stays after the end: "COMPLETED" (or the error) of the last rush or warm-up
        status.textProperty().bind(model.progressTextProperty());
        Label warmTitle = new Label("Launch-day warm-up");
        warmTitle.getStyleClass().add("title-4");
        Label warmText = new Label("Minutes before an event opens, a synthetic rush on a lab event through the apply"
                + " server warms the JVM so the first seconds run near warm speed (100,000 users: about 70 % of"
                + " warm throughput in the first 15 s). To schedule it: POST /api/admin/rush/warmup"
                + " {\"forEventId\": <id>, \"minutesBefore\": 5}.");
        warmText.setWrapText(true);
        TextField warmUsers = new TextField();
        warmUsers.setId("warmup-users");
        warmUsers.setPrefColumnCount(8);
        warmUsers.textProperty().bindBidirectional(model.warmupUsersProperty());
        Button warmUp = new Button("Warm up now");
        warmUp.setId("warm-up");
        warmUp.disableProperty().bind(model.runningProperty());
        warmUp.setOnAction(event -> model.warmUp());
        Label warmError = new Label();
        warmError.setId("warmup-error");
        warmError.getStyleClass().add("danger");
        warmError.textProperty().bind(model.warmupErrorProperty());
        HBox warmRow = new HBox(8, new Label("Users"), warmUsers, warmUp, warmError);
        warmRow.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, text, open, bar, status, new Separator(), warmTitle, warmText, warmRow);
    }

    @Override
    public Node root() {
        return root;
    }
}
