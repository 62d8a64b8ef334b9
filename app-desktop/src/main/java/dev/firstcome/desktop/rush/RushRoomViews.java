package dev.firstcome.desktop.rush;

import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.RushQueueSummary;
import dev.firstcome.model.RushReport;
import java.util.Locale;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The rush dialog's waiting-room parts: the form's row and the results' "Waiting room" tab. */
final class RushRoomViews {

    private RushRoomViews() {}

    /** Through a waiting room (mode, outflow) or straight to the apply path; fresh rehearsal events only. */
    static HBox form(RushViewModel model) {
        RushRoomForm room = model.room();
        ChoiceBox<String> mode = new ChoiceBox<>(FXCollections.observableArrayList(RushRoomForm.MODES));
        mode.setId("rush-room-mode");
        mode.valueProperty().bindBidirectional(room.modeProperty());
        TextField outflow = new TextField();
        outflow.setId("rush-room-outflow");
        outflow.setPrefColumnCount(6);
        outflow.textProperty().bindBidirectional(room.outflowProperty());
        outflow.disableProperty().bind(room.modeProperty().isEqualTo(RushRoomForm.NONE));
        Label hint = new Label("users queue, poll as advised, apply with their entry token");
        hint.getStyleClass().add("text-muted");
        HBox row = new HBox(8, new Label("Waiting room"), mode, new Label("let in per second"), outflow, hint);
        row.setId("rush-room");
        row.setAlignment(Pos.CENTER_LEFT);
        // a rush on a chosen event goes through that event's own room
        row.disableProperty().bind(model.onEventProperty().or(model.runningProperty()));
        return row;
    }

    /** Per run through a waiting room: tickets, let in, turned away, polls, time waited. */
    static Tab results(ObservableList<RushReport> reports) {
        TableView<RushReport> table = new TableView<>(reports);
        table.setId("rush-room-results");
        table.setPlaceholder(new Label("No run went through a waiting room"));
        table.getColumns()
                .addAll(
                        column("Strategy", RushReport::strategy),
                        column("Tickets", r -> count(r, RushQueueSummary::joined)),
                        column("Let in", r -> count(r, RushQueueSummary::letIn)),
                        column("Sold out in queue", r -> count(r, RushQueueSummary::soldOut)),
                        column("Polls", r -> count(r, RushQueueSummary::polls)),
                        column("Waited p50", r -> seconds(r, LatencySummary::p50Ms)),
                        column("p99", r -> seconds(r, LatencySummary::p99Ms)),
                        column("max", r -> seconds(r, LatencySummary::maxMs)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return new Tab("Waiting room", table);
    }

    private static String count(RushReport report, Function<RushQueueSummary, Long> value) {
        return report.queue() == null ? "—" : String.format(Locale.ROOT, "%,d", value.apply(report.queue()));
    }

    private static String seconds(RushReport report, Function<LatencySummary, Double> value) {
        if (report.queue() == null || report.queue().waited().count() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f s", value.apply(report.queue().waited()) / 1000.0);
    }

    private static TableColumn<RushReport, String> column(String title, Function<RushReport, String> value) {
        TableColumn<RushReport, String> column = new TableColumn<>(title);
        column.setCellValueFactory(
                cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setMinWidth(new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.25 + 24);
        return column;
    }
}
