package dev.firstcome.desktop.dashboard;

import static dev.firstcome.desktop.dashboard.DashboardFormat.TIME;
import static dev.firstcome.desktop.dashboard.DashboardFormat.zone;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Admissions and persists per second, with a vertical line at the sell-out moment. */
final class RateChart {

    private final DashboardViewModel model;
    private final XYChart.Series<Number, Number> admissions = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> persists = new XYChart.Series<>();

    RateChart(DashboardViewModel model) {
        this.model = model;
    }

    LineChart<Number, Number> create() {
        NumberAxis x = new NumberAxis();
        x.setLabel("time (" + zone().getId() + ")");
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return TIME.format(
                        java.time.Instant.ofEpochSecond(epochSecond.longValue()).atZone(zone()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("per second");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("rate-chart");
        chart.setTitle("Admissions and persists per second (last hour of this event)");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(160);
        admissions.setName("admissions/s");
        persists.setName("persists/s");
        soldOutMark.setName("sold out");
        chart.getData().addAll(admissions, persists, soldOutMark);
        VBox.setVgrow(chart, Priority.ALWAYS);
        model.rates().addListener((ListChangeListener<RatePoint>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && change.getFrom() == 0 && !change.wasAdded()) {
                    int removed = Math.min(
                            change.getRemovedSize(), admissions.getData().size());
                    admissions.getData().remove(0, removed);
                    persists.getData()
                            .remove(0, Math.min(removed, persists.getData().size()));
                } else if (change.wasReplaced() || change.wasRemoved()) {
                    redraw();
                    return;
                }
                if (change.wasAdded() && !change.wasReplaced()) {
                    for (RatePoint point : change.getAddedSubList()) {
                        admissions.getData().add(new XYChart.Data<>(seconds(point), point.admissionsPerSecond()));
                        persists.getData().add(new XYChart.Data<>(seconds(point), point.persistsPerSecond()));
                    }
                }
            }
            markSoldOut();
        });
        model.soldOutAtProperty().addListener((o, was, now) -> markSoldOut());
        return chart;
    }

    private final XYChart.Series<Number, Number> soldOutMark = new XYChart.Series<>();

    private static double seconds(RatePoint point) {
        return point.at().getEpochSecond() + point.at().getNano() / 1e9;
    }

    private void redraw() {
        admissions.getData().clear();
        persists.getData().clear();
        for (RatePoint point : model.rates()) {
            admissions.getData().add(new XYChart.Data<>(seconds(point), point.admissionsPerSecond()));
            persists.getData().add(new XYChart.Data<>(seconds(point), point.persistsPerSecond()));
        }
        markSoldOut();
    }

    /** A vertical line at the sell-out moment, from 0 to the highest rate shown. */
    private void markSoldOut() {
        var at = model.soldOutAtProperty().get();
        if (at == null || model.rates().isEmpty()) {
            soldOutMark.getData().clear();
            return;
        }
        double top = model.rates().stream()
                .mapToDouble(p -> Math.max(p.admissionsPerSecond(), p.persistsPerSecond()))
                .max()
                .orElse(1);
        double x = at.getEpochSecond();
        soldOutMark.getData().setAll(new XYChart.Data<>(x, 0), new XYChart.Data<>(x, Math.max(1, top)));
    }
}
