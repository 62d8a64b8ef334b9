package dev.firstcome.desktop.room;

import dev.firstcome.model.EventView;
import dev.firstcome.model.QueueStats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/**
 * The waiting room section: pick an event with a room, read its figures, pause/resume, change the outflow.
 * The console's "Waiting room" section (Ctrl+6); the figures are read every second while it is shown.
 */
public final class WaitingRoomView {

    private final WaitingRoomViewModel model;
    private final BorderPane root = new BorderPane();
    private final javafx.animation.Timeline ticker = new javafx.animation.Timeline();

    public WaitingRoomView(WaitingRoomViewModel model) {
        this.model = model;
        root.setId("waiting-room-view");
        root.setTop(createToolbar());
        root.setCenter(createFigures());
        ticker.getKeyFrames()
                .add(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> model.refreshStats()));
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
    }

    public Node root() {
        return root;
    }

    public void refresh() {
        model.refresh();
    }

    /** Shown: reload the rooms and read the selected one's figures every second; hidden: stop reading. */
    public void setActive(boolean active) {
        if (active) {
            model.refresh();
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    private ToolBar createToolbar() {
        ComboBox<EventView> event = new ComboBox<>();
        event.setId("room-event");
        event.setPromptText("No event with a waiting room");
        event.setPrefWidth(260);
        event.itemsProperty().bind(new ReadOnlyObjectWrapper<>(model.choices()));
        event.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventView view) {
                return view == null
                        ? ""
                        : "#" + view.id() + " " + view.name() + " ("
                                + view.room().mode() + ")";
            }

            @Override
            public EventView fromString(String text) {
                return null;
            }
        });
        event.valueProperty().bindBidirectional(model.eventProperty());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button pause = new Button("Pause queue");
        pause.setId("room-pause");
        pause.setOnAction(e -> model.pause());
        Button resume = new Button("Resume queue");
        resume.setId("room-resume");
        resume.setOnAction(e -> model.resume());
        Spinner<Integer> outflow =
                new Spinner<>(1, 100_000, model.outflowProperty().get(), 10);
        outflow.setId("room-outflow");
        outflow.setEditable(true);
        outflow.setPrefWidth(110);
        outflow.getValueFactory().valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.outflowProperty().set(now);
            }
        });
        model.outflowProperty()
                .addListener((o, was, now) -> outflow.getValueFactory().setValue(now.intValue()));
        Button apply = new Button("Set outflow");
        apply.setId("room-set-outflow");
        apply.setOnAction(e -> model.applyOutflow());
        return new ToolBar(
                new Label("Event"),
                event,
                refresh,
                new Separator(),
                pause,
                resume,
                new Separator(),
                new Label("Let in per second"),
                outflow,
                apply);
    }

    private GridPane createFigures() {
        GridPane grid = new GridPane();
        grid.setId("room-figures");
        grid.setHgap(24);
        grid.setVgap(10);
        grid.setPadding(new Insets(20));
        row(grid, 0, "Waiting now", s -> Long.toString(s.waiting()));
        row(grid, 1, "Let in per second (configured)", s -> Integer.toString(s.outflowPerSecond()));
        row(grid, 2, "Let in per second (measured)", s -> String.format("%.1f", s.measuredOutflowPerSecond()));
        row(grid, 3, "Let in so far", s -> Long.toString(s.letIn()));
        row(grid, 4, "Tickets issued", s -> Long.toString(s.ticketsIssued()));
        row(grid, 5, "Time to drain the queue", s -> WaitingRoomViewModel.duration(s.secondsToDrain()));
        row(
                grid,
                6,
                "State",
                s -> s.soldOut()
                        ? "sold out: closed"
                        : s.paused() ? "paused" : s.opened() ? "letting in" : "pre-queue");
        row(grid, 7, "Shuffle seed (after the event)", s -> s.seed() == null ? "not published yet" : s.seed());
        return grid;
    }

    private void row(GridPane grid, int index, String title, java.util.function.Function<QueueStats, String> value) {
        Label label = new Label(title);
        Label shown = new Label();
        shown.setId("room-figure-" + index);
        shown.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.statsProperty().get() == null
                                ? "-"
                                : value.apply(model.statsProperty().get()),
                        model.statsProperty()));
        grid.addRow(index, label, shown);
    }
}
