package dev.firstcome.desktop;

import dev.firstcome.desktop.shell.ConsoleWindow;
import dev.firstcome.desktop.ui.FxUiExecutor;
import dev.firstcome.desktop.ui.UiErrors;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console: the Spring context (embedded servers, HTTP API, consumers) starts in {@link #init()}
 * while the splash shows, the window is built in {@link #start(Stage)}, the context closes in
 * {@link #stop()}. A failed start shows a readable error and exits.
 */
public class ConsoleApplication extends Application {

    private static final Logger log = LoggerFactory.getLogger(ConsoleApplication.class);
    private static volatile int exitCode;

    private ConfigurableApplicationContext context;
    private Throwable startFailure;
    private FxUiExecutor executor;
    private ConsoleWindow window;

    /** 0 after a normal run, 1 after a failed start. */
    public static int exitCode() {
        return exitCode;
    }

    /** The running backend (null before {@link #init()} or after a failed start). */
    ConfigurableApplicationContext context() {
        return context;
    }

    /** The window (null before {@link #start(Stage)}). */
    ConsoleWindow window() {
        return window;
    }

    @Override
    public void init() {
        try {
            String[] args = getParameters().getRaw().toArray(String[]::new);
            context = BackendStarter.start(args, this::notifyPreloader);
        } catch (Throwable failure) {
            log.error("The backend could not start", failure);
            startFailure = failure;
        }
    }

    @Override
    public void start(Stage stage) {
        if (startFailure == null) {
            try {
                executor = new FxUiExecutor(new UiErrors(), 4);
                window = new ConsoleWindow(ConsoleBackend.from(context), executor, Clock.systemDefaultZone());
                window.show(stage);
                log.info(
                        "Console window shown {} ms after the JVM started",
                        ManagementFactory.getRuntimeMXBean().getUptime());
                return;
            } catch (RuntimeException failure) {
                log.error("The console window could not be built", failure);
                startFailure = failure;
            }
        }
        exitCode = 1;
        showStartFailure(startFailure);
        Platform.exit();
    }

    private static void showStartFailure(Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        alert.setTitle("FirstCome could not start");
        alert.setHeaderText("The backend could not start");
        TextArea text = new TextArea(startFailureText(failure));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(6);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("start-failure");
        alert.showAndWait();
    }

    static String startFailureText(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = UiErrors.describe(root);
        String outer = UiErrors.describe(failure);
        if (reason.contains("FIRSTCOME_DATA_DIR")) {
            // the fix is named in the reason: another FirstCome holds the data directory
            return reason + "\n\nFor example: FIRSTCOME_DATA_DIR=/tmp/firstcome-2 ./console";
        }
        return reason + (outer.equals(reason) ? "" : "\n\n(" + outer + ")")
                + "\n\nCheck the settings (firstcome.redis.url, firstcome.kafka.bootstrap-servers, firstcome.db.*,"
                + " FIRSTCOME_HTTP_PORT) and the log for details.";
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
        if (executor != null) {
            executor.close();
        }
        if (context != null) {
            context.close(); // stops admitting, flushes the producer, commits the consumers, stops embedded servers
        }
    }
}
