package dev.firstcome.desktop.dashboard;

import static dev.firstcome.desktop.dashboard.DashboardFormat.count;

import dev.firstcome.model.GroupLag;
import dev.firstcome.model.PartitionLag;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The pipeline summary line and the partitions and consumer-group tables behind a toggle. */
final class PipelinePanel {

    private PipelinePanel() {}

    static VBox create(DashboardViewModel model) {
        ToggleButton show = new ToggleButton("Partitions and groups");
        show.setId("show-partitions");
        show.setMinWidth(Region.USE_PREF_SIZE);
        TableView<PartitionLag> table = new TableView<>(model.partitions());
        table.setId("partitions-table");
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns()
                .addAll(
                        column("Topic", PartitionLag::topic),
                        column("Partition", p -> Integer.toString(p.partition())),
                        column("End offset", p -> count(p.endOffset())),
                        column("Committed", p -> count(p.committedOffset())),
                        column("Lag", p -> count(p.lag())));
        table.visibleProperty().bind(show.selectedProperty());
        table.managedProperty().bind(show.selectedProperty());
        TableView<GroupLag> groups = new TableView<>(model.groups());
        groups.setId("groups-table");
        groups.setPrefHeight(150);
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.getColumns()
                .addAll(
                        column("Consumer group", GroupLag::group),
                        column("Does", GroupLag::role),
                        column("Topic", GroupLag::topic),
                        column("Lag (records)", g -> g.known() ? count(g.lag()) : "unknown (Kafka did not answer)"));
        groups.visibleProperty().bind(show.selectedProperty());
        groups.managedProperty().bind(show.selectedProperty());
        HBox tables = new HBox(12, table, groups);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox.setHgrow(groups, Priority.ALWAYS);
        tables.visibleProperty().bind(show.selectedProperty());
        tables.managedProperty().bind(show.selectedProperty());
        Label summary = new Label();
        summary.setId("pipeline-summary");
        summary.setWrapText(true);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var pipeline = model.pipelineProperty().get();
                            return pipeline == null
                                    ? ""
                                    : "group " + pipeline.consumerGroup() + " · topic " + pipeline.topic()
                                            + " · total lag " + count(pipeline.totalLag()) + " · dead letters "
                                            + (pipeline.deadLetterRecords() < 0
                                                    ? "unknown"
                                                    : count(pipeline.deadLetterRecords()));
                        },
                        model.pipelineProperty()));
        HBox bar = new HBox(12, show, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, bar, tables);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
