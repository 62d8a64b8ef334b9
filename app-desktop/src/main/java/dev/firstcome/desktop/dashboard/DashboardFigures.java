package dev.firstcome.desktop.dashboard;

import static dev.firstcome.desktop.dashboard.DashboardFormat.TIME;
import static dev.firstcome.desktop.dashboard.DashboardFormat.count;
import static dev.firstcome.desktop.dashboard.DashboardFormat.zone;

import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** The counts: state banner, alerts, sold bar with ETA, and the tiles. */
final class DashboardFigures {

    private final DashboardViewModel model;

    DashboardFigures(DashboardViewModel model) {
        this.model = model;
    }

    TilePane createTiles() {
        TilePane tiles = new TilePane(12, 12);
        tiles.setPrefColumns(4);
        tiles.getChildren()
                .addAll(
                        tile("admitted", admittedCaption(), s -> count(s.admitted())),
                        tile("persisted", "Persisted (database)", s -> count(s.persisted())),
                        tile("in-flight", "In flight", s -> count(DashboardViewModel.inFlight(s))),
                        tile("failed", "Failed (open)", s -> count(s.failedOpen())),
                        tile("remaining", "Remaining total", s -> count(s.remaining())),
                        tile(
                                "remaining-today",
                                "Remaining today",
                                s -> s.remainingToday() == null ? "no daily limit" : count(s.remainingToday())),
                        tile(
                                "lag",
                                "Kafka lag",
                                s -> count(s.consumerLag()) + " rec · "
                                        + String.format(Locale.ROOT, "%.1f s", s.lagSeconds())),
                        requestsTile(),
                        tile(
                                "persist-rate",
                                "Persist rate",
                                s -> String.format(Locale.ROOT, "%,.0f /s", s.persistRatePerSecond())));
        return tiles;
    }

    /** Requests per second by outcome (issued, sold out, already applied, refused) of this server. */
    private VBox requestsTile() {
        VBox tile = tile("requests", "Requests/s by answer (server)", s -> "");
        Label figure = (Label) tile.getChildren().get(1);
        figure.textProperty().unbind();
        figure.getStyleClass().remove("tile-value");
        figure.setWrapText(true);
        figure.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var rates = model.requestRatesProperty().get();
                            if (rates.isEmpty()) {
                                return "–";
                            }
                            StringBuilder text = new StringBuilder();
                            DashboardViewModel.OUTCOME_GROUPS
                                    .keySet()
                                    .forEach(group -> text.append(text.isEmpty() ? "" : "\n")
                                            .append(group)
                                            .append(": ")
                                            .append(String.format(
                                                    Locale.ROOT, "%,.0f", rates.getOrDefault(group, 0.0))));
                            return text.toString();
                        },
                        model.requestRatesProperty()));
        return tile;
    }

    /** "Admitted (Redis)", or for a lab event "Admitted (lab: db-pessimistic)": whose counters these are. */
    private javafx.beans.binding.StringBinding admittedCaption() {
        return Bindings.createStringBinding(
                () -> {
                    EventView watched = model.eventProperty().get();
                    return watched != null && watched.lab()
                            ? "Admitted (lab: " + watched.strategy() + ")"
                            : "Admitted (Redis)";
                },
                model.eventProperty());
    }

    private VBox tile(String id, javafx.beans.value.ObservableValue<String> title, Function<EventStats, String> value) {
        VBox tile = tile(id, "", value);
        ((Label) tile.getChildren().getFirst()).textProperty().bind(title);
        return tile;
    }

    private VBox tile(String id, String title, Function<EventStats, String> value) {
        Label caption = new Label(title);
        caption.getStyleClass().add("tile-title");
        Label figure = new Label("–");
        figure.setId(id + "-value");
        figure.getStyleClass().add("tile-value");
        figure.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.statsProperty().get() == null
                                ? "–"
                                : value.apply(model.statsProperty().get()),
                        model.statsProperty()));
        VBox tile = new VBox(4, caption, figure);
        tile.setId("tile-" + id);
        tile.getStyleClass().add("tile");
        tile.setPrefWidth(230);
        return tile;
    }

    /** SOLD OUT, OPENS IN 3h12m (10:00 KST), DAILY SOLD OUT (reopens ...), PAUSED, ...: hidden while OPEN. */
    Label createBanner() {
        Label banner = new Label();
        banner.setId("dashboard-banner");
        banner.getStyleClass().add("state-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        model.stateProperty().addListener((o, was, state) -> {
            banner.getStyleClass().removeIf(style -> style.startsWith("phase-"));
            if (state != null) {
                banner.getStyleClass().add("phase-" + state.phase().name().toLowerCase(Locale.ROOT));
            }
        });
        return banner;
    }

    /** One line per alert (failed coupons, lag above the threshold, stalled consumer), red. */
    VBox createAlerts() {
        VBox box = new VBox(4);
        box.setId("dashboard-alerts");
        box.getStyleClass().add("notification-bar");
        Runnable fill = () -> box.getChildren()
                .setAll(model.alerts().stream()
                        .map(text -> {
                            Label line = new Label("⚠ " + text);
                            line.setWrapText(true);
                            return line;
                        })
                        .toList());
        model.alerts().addListener((ListChangeListener<String>) change -> fill.run());
        box.visibleProperty().bind(Bindings.isNotEmpty(model.alerts()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The sold share as a bar, the ETA to sell-out and the sell-out moment. */
    HBox createSold() {
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(0);
        bar.setId("sold-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> model.statsProperty().get() == null
                                ? 0
                                : DashboardViewModel.soldShare(
                                        model.statsProperty().get()),
                        model.statsProperty()));
        Label sold = new Label();
        sold.setId("sold-text");
        sold.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var stats = model.statsProperty().get();
                            if (stats == null) {
                                return "sold –";
                            }
                            String text = String.format(
                                    Locale.ROOT,
                                    "%.1f %% sold (%s of %s)",
                                    DashboardViewModel.soldShare(stats) * 100,
                                    count(stats.admitted()),
                                    count(stats.admitted() + stats.remaining()));
                            var soldOut = model.soldOutAtProperty().get();
                            var eta = model.etaProperty().get();
                            if (soldOut != null) {
                                return text + " · sold out at " + TIME.format(soldOut.atZone(zone()));
                            }
                            return eta == null
                                    ? text + " · ETA – (no admissions in the last 10 s)"
                                    : text + " · sells out in ~"
                                            + dev.firstcome.model.EventState.countdownText(eta)
                                            + " at the current rate";
                        },
                        model.statsProperty(),
                        model.soldOutAtProperty(),
                        model.etaProperty()));
        HBox box = new HBox(12, bar, sold);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
