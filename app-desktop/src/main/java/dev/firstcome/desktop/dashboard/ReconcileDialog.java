package dev.firstcome.desktop.dashboard;

import static dev.firstcome.desktop.dashboard.DashboardFormat.count;

import dev.firstcome.model.EventView;
import dev.firstcome.model.ReconcileReport;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The reconcile report as a dialog, with Heal when Redis and the database disagree. */
final class ReconcileDialog {

    private ReconcileDialog() {}

    /** Centres the dialog on its owner and keeps it inside the owner's screen (it once opened at x = -1021). */
    static void keepOnScreen(Dialog<?> dialog) {
        javafx.stage.Window owner = dialog.getOwner();
        javafx.geometry.Rectangle2D screen = owner == null
                ? javafx.stage.Screen.getPrimary().getVisualBounds()
                : javafx.stage.Screen.getScreensForRectangle(
                                owner.getX(),
                                owner.getY(),
                                Math.max(1, owner.getWidth()),
                                Math.max(1, owner.getHeight()))
                        .stream()
                        .findFirst()
                        .orElse(javafx.stage.Screen.getPrimary())
                        .getVisualBounds();
        double width = Math.min(dialog.getWidth(), screen.getWidth());
        double height = Math.min(dialog.getHeight(), screen.getHeight());
        double x = owner == null
                ? screen.getMinX() + (screen.getWidth() - width) / 2
                : owner.getX() + (owner.getWidth() - width) / 2;
        double y = owner == null
                ? screen.getMinY() + (screen.getHeight() - height) / 2
                : owner.getY() + (owner.getHeight() - height) / 2;
        dialog.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width)));
        dialog.setY(Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height)));
    }

    static void show(javafx.stage.Window window, DashboardViewModel model, ReconcileReport report) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(window);
        dialog.setTitle("Reconcile");
        EventView watched = model.eventProperty().get();
        // a lab strategy other than lua keeps its own counters, not Redis's applied hash: comparing those
        // with the database would report every persisted coupon as "unknown to Redis"
        boolean labCounters = watched != null && watched.lab() && !"lua".equals(watched.strategy());
        dialog.setHeaderText(
                labCounters
                        ? "Lab strategy " + watched.strategy() + " keeps its own counters: Redis is not compared"
                        : report.lost() == 0 && report.unknownToRedis() == 0
                                ? "Redis, the database and Kafka agree"
                                : "Redis and the database disagree");
        dialog.getDialogPane().setId("reconcile-dialog");
        GridPane grid = new GridPane(24, 6);
        // labels keep their full width (never "..."); values wrap
        var labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var values = new javafx.scene.layout.ColumnConstraints(120, 260, 480);
        grid.getColumnConstraints().setAll(labels, values);
        String[][] rows = {
            {"Admitted (Redis)", count(report.admitted())},
            {"Persisted (database)", count(report.persisted())},
            {"In flight (lag)", count(report.inFlight())},
            {"Failed (open)", count(report.failedOpen())},
            {"Lost", count(report.lost())},
            {"Persisted but unknown to Redis", count(report.unknownToRedis())},
            {"Consumer lag (records)", count(report.consumerLag())},
            {"Drained", report.drained() ? "yes" : "no"},
            {"Missing (sample)", report.missingSample().isEmpty() ? "none" : String.join(", ", report.missingSample())},
            {"Unknown (sample)", report.unknownSample().isEmpty() ? "none" : String.join(", ", report.unknownSample())}
        };
        for (int i = 0; i < rows.length; i++) {
            Label caption = new Label(rows[i][0]);
            caption.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label value = new Label(rows[i][1]);
            value.setId("reconcile-" + i);
            value.setWrapText(true);
            value.setTooltip(new javafx.scene.control.Tooltip(rows[i][1]));
            grid.addRow(i, caption, value);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.setResizable(true);
        ButtonType heal = new ButtonType("Heal", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().setAll(heal, ButtonType.CLOSE);
        boolean agree = labCounters || (report.lost() == 0 && report.unknownToRedis() == 0);
        Button healButton = (Button) dialog.getDialogPane().lookupButton(heal);
        healButton.setId("reconcile-heal");
        healButton.setDisable(agree); // nothing to heal: Heal is neither enabled nor focused
        healButton.setDefaultButton(false);
        Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setDefaultButton(true);
        dialog.setResultConverter(type -> type);
        dialog.setOnHidden(event -> {
            if (heal.equals(dialog.getResult())) {
                model.heal();
            }
        });
        dialog.setOnShown(event -> {
            close.requestFocus();
            keepOnScreen(dialog);
        });
        dialog.show();
    }
}
