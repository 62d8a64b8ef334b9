package dev.firstcome.desktop.commerce;

import dev.firstcome.desktop.commerce.CouponFunnelViewModel.Bucket;
import dev.firstcome.desktop.commerce.CouponFunnelViewModel.Funnel;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RedemptionBucket;
import java.util.function.ToLongFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Coupons tab: pick an event; its funnel as bars with counts and shares, and redemptions over time. */
final class CouponFunnelView {

    /** The longest bar (all issued coupons), in pixels. */
    private static final double BAR = 320;

    private final CouponFunnelViewModel model;
    private final BorderPane root = new BorderPane();
    private final XYChart.Series<Number, Number> redeemed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> released = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> expired = new XYChart.Series<>();
    private LineChart<Number, Number> chart;

    CouponFunnelView(CouponFunnelViewModel model) {
        this.model = model;
        root.setId("coupons-view");
        root.setTop(createToolbar());
        VBox body = new VBox(10, createTerms(), createFunnel(), createChart(), createPeak());
        body.setPadding(new Insets(12));
        VBox.setVgrow(chart, Priority.ALWAYS);
        root.setCenter(body);
    }

    Node root() {
        return root;
    }

    private ToolBar createToolbar() {
        ComboBox<EventView> event = new ComboBox<>();
        event.setId("funnel-event");
        event.setPromptText("No event yet");
        event.setPrefWidth(360);
        event.itemsProperty().bind(new ReadOnlyObjectWrapper<>(model.choices()));
        event.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventView view) {
                return view == null ? "" : "#" + view.id() + " " + view.name();
            }

            @Override
            public EventView fromString(String text) {
                return null;
            }
        });
        event.valueProperty().bindBidirectional(model.eventProperty());
        ComboBox<Bucket> bucket = new ComboBox<>(FXCollections.observableArrayList(Bucket.values()));
        bucket.setId("funnel-bucket");
        bucket.setConverter(new StringConverter<>() {
            @Override
            public String toString(Bucket value) {
                return value == null ? "" : value.title();
            }

            @Override
            public Bucket fromString(String text) {
                return null;
            }
        });
        bucket.valueProperty().bindBidirectional(model.bucketProperty());
        bucket.setMinWidth(Region.USE_PREF_SIZE);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-funnel");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        Label eventCaption = new Label("Event");
        Label rateCaption = new Label("Redemptions");
        eventCaption.setMinWidth(Region.USE_PREF_SIZE);
        rateCaption.setMinWidth(Region.USE_PREF_SIZE);
        return new ToolBar(eventCaption, event, new Separator(), rateCaption, bucket, refresh);
    }

    private Label createTerms() {
        Label terms = new Label();
        terms.setId("funnel-terms");
        terms.getStyleClass().add("text-muted");
        terms.setWrapText(true);
        terms.textProperty().bind(model.termsProperty());
        return terms;
    }

    private VBox createFunnel() {
        Label title = new Label("Funnel");
        title.getStyleClass().add("title-4");
        GridPane grid = new GridPane();
        grid.setId("funnel");
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints caption = new ColumnConstraints();
        caption.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints bar = new ColumnConstraints(60, BAR, BAR);
        bar.setHgrow(Priority.SOMETIMES);
        ColumnConstraints figure = new ColumnConstraints();
        figure.setMinWidth(Region.USE_PREF_SIZE);
        figure.setHalignment(javafx.geometry.HPos.RIGHT);
        grid.getColumnConstraints().addAll(caption, bar, figure, figure);
        row(grid, 0, "issued", "Issued", Funnel::issued, "-color-accent-emphasis");
        row(grid, 1, "redeemed", "Redeemed", Funnel::redeemed, "-color-success-emphasis");
        row(grid, 2, "expired", "Expired", Funnel::expired, "-color-danger-emphasis");
        row(grid, 3, "open", "Not used yet", Funnel::open, "-color-neutral-emphasis");
        Label lag = new Label();
        lag.setId("funnel-lag");
        lag.getStyleClass().add("text-muted");
        lag.textProperty()
                .bind(model.issuanceLagProperty()
                        .map(text -> text.isEmpty()
                                ? "Counts persisted coupons"
                                : "Counts persisted coupons (won, not persisted yet: issuance " + text + ")"));
        return new VBox(6, title, grid, lag);
    }

    private void row(GridPane grid, int index, String id, String title, ToLongFunction<Funnel> part, String color) {
        Label caption = new Label(title);
        Region fill = new Region();
        fill.setStyle("-fx-background-color: " + color + "; -fx-background-radius: 3;");
        fill.setMinHeight(14);
        fill.setMaxHeight(14);
        StackPane track = new StackPane(fill);
        track.setAlignment(Pos.CENTER_LEFT);
        track.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 3;");
        track.setMinHeight(14);
        track.setMaxHeight(14);
        // the bar is its share of the issued coupons (never narrower than a sliver when not 0)
        fill.maxWidthProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> {
                            Funnel f = model.funnelProperty().get();
                            long n = part.applyAsLong(f);
                            return n == 0 ? 0 : Math.max(2, f.share(n) * track.getWidth());
                        },
                        model.funnelProperty(),
                        track.widthProperty()));
        fill.prefWidthProperty().bind(fill.maxWidthProperty());
        Label count = new Label();
        count.setId("funnel-" + id);
        count.getStyleClass().add("text-bold");
        count.textProperty().bind(model.funnelProperty().map(f -> CouponFunnelViewModel.count(part.applyAsLong(f))));
        Label share = new Label();
        share.setId("funnel-" + id + "-share");
        share.getStyleClass().add("text-muted");
        share.textProperty()
                .bind(model.funnelProperty().map(f -> CouponFunnelViewModel.percent(f.share(part.applyAsLong(f)))));
        grid.addRow(index, caption, track, count, share);
    }

    private LineChart<Number, Number> createChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("time (" + model.zoneId() + ")");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return model.time(epochSecond);
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        model.axisProperty().subscribe(axis -> {
            x.setLowerBound(axis.lower());
            x.setUpperBound(axis.upper());
            x.setTickUnit(axis.tick());
        });
        NumberAxis y = new NumberAxis();
        y.labelProperty().bind(model.rateUnitProperty().map(unit -> "coupons " + unit));
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        chart = new LineChart<>(x, y);
        chart.setId("redemption-chart");
        chart.titleProperty().bind(model.rateUnitProperty().map(unit -> "Redeemed, released and expired " + unit));
        chart.setAnimated(false);
        chart.setMinHeight(180);
        chart.setPadding(new Insets(4, 28, 4, 4)); // the last time label is never cut at the right edge
        redeemed.setName("redeemed");
        released.setName("released");
        expired.setName("expired");
        chart.getData().addAll(redeemed, released, expired);
        model.buckets().addListener((ListChangeListener<RedemptionBucket>) change -> redraw());
        redraw();
        return chart;
    }

    /** Each bucket's figure drawn at its middle; symbols only while they do not crowd the line. */
    private void redraw() {
        var buckets = model.buckets();
        long half = model.bucketSeconds() / 2;
        chart.setCreateSymbols(buckets.size() <= 40);
        redeemed.getData().setAll(points(buckets, half, RedemptionBucket::redeemed));
        released.getData().setAll(points(buckets, half, RedemptionBucket::released));
        expired.getData().setAll(points(buckets, half, RedemptionBucket::expired));
    }

    private static java.util.List<XYChart.Data<Number, Number>> points(
            java.util.List<RedemptionBucket> buckets, long half, ToLongFunction<RedemptionBucket> value) {
        return buckets.stream()
                .map(b -> new XYChart.Data<Number, Number>(b.start().getEpochSecond() + half, value.applyAsLong(b)))
                .toList();
    }

    private Label createPeak() {
        Label peak = new Label();
        peak.setId("funnel-peak");
        peak.textProperty().bind(model.peakProperty());
        return peak;
    }
}
