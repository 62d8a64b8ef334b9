package dev.firstcome.desktop;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Preloader;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/** The splash shown while the embedded servers and the backend start. */
public final class SplashPreloader extends Preloader {

    private Stage stage;
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label status = new Label("Starting…");
    /** One line per phase with its time: Redis, Kafka, database, migrations, context, window. */
    private final Label phases = new Label(
            String.join("\n", StartupPhases.NAMES.stream().map(n -> "· " + n).toList()));

    @Override
    public void start(Stage primaryStage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage = primaryStage;
        Label title = new Label("FirstCome console");
        title.getStyleClass().add("title-2");
        bar.setPrefWidth(420);
        status.setWrapText(true);
        status.setMaxWidth(420);
        phases.setId("splash-phases");
        phases.setStyle("-fx-font-family: monospace;");
        VBox box = new VBox(12, title, bar, status, phases);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setStyle(
                "-fx-padding: 32; -fx-background-color: -color-bg-default; -fx-border-color: -color-border-default;");
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setScene(new Scene(box, 500, 320));
        stage.setTitle("FirstCome console: starting");
        stage.show();
    }

    @Override
    public void handleApplicationNotification(PreloaderNotification notification) {
        if (notification instanceof BackendStarter.Progress progress) {
            bar.setProgress(progress.fraction() >= 1 ? 1 : progress.fraction());
            status.setText(progress.message());
            if (!progress.phases().isEmpty()) {
                phases.setText(String.join("\n", progress.phases()));
            }
        }
    }

    @Override
    public void handleStateChangeNotification(StateChangeNotification notification) {
        if (notification.getType() == StateChangeNotification.Type.BEFORE_START) {
            stage.hide();
        }
    }

    @Override
    public boolean handleErrorNotification(ErrorNotification notification) {
        stage.hide();
        return false;
    }
}
