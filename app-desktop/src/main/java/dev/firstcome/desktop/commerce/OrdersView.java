package dev.firstcome.desktop.commerce;

import dev.firstcome.desktop.commerce.OrdersViewModel.CauseCount;
import dev.firstcome.model.FailedOrderView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.OrderState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Orders tab: orders per state as tiles, the failures per cause beside the checkout consumers' lag,
 * and the latest failed orders with their reasons.
 */
final class OrdersView {

    private final OrdersViewModel model;
    private final DateTimeFormatter time;
    private final VBox root = new VBox(10);

    OrdersView(OrdersViewModel model, ZoneId zone) {
        this.model = model;
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
        root.setId("orders-view");
        root.setPadding(new Insets(12));
        TableView<FailedOrderView> failed = createFailed();
        HBox middle = new HBox(16, createCauses(), createLags());
        // three causes fit without scrolling at 1024x640 (the failed orders give way)
        middle.setMinHeight(150);
        middle.setPrefHeight(175);
        root.getChildren().addAll(createHeader(), createTiles(), middle, createFailedHeader(), failed);
        VBox.setVgrow(failed, Priority.ALWAYS);
    }

    Node root() {
        return root;
    }

    private HBox createHeader() {
        Label title = new Label("Orders");
        title.getStyleClass().add("title-4");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("orders-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-orders");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        HBox header = new HBox(12, title, summary, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** One tile per state in a row, equally wide; a long caption wraps rather than being cut. */
    private HBox createTiles() {
        HBox tiles = new HBox(10);
        tiles.setId("order-states");
        for (OrderState state : OrderState.values()) {
            Label caption = new Label(words(state));
            caption.getStyleClass().add("tile-title");
            caption.setWrapText(true);
            caption.setMinHeight(Region.USE_PREF_SIZE);
            Label figure = new Label("–");
            figure.setId("orders-" + state.name().toLowerCase(Locale.ROOT));
            figure.getStyleClass().add("tile-value");
            figure.setMinWidth(Region.USE_PREF_SIZE);
            if (state == OrderState.FAILED) {
                figure.getStyleClass().add("danger");
            }
            figure.textProperty()
                    .bind(model.countsProperty()
                            .map(counts -> CouponFunnelViewModel.count(counts.getOrDefault(state, 0L))));
            VBox tile = new VBox(2, caption, figure);
            tile.getStyleClass().addAll("tile", "order-tile");
            tile.setMinWidth(80);
            tile.setPrefWidth(130);
            tile.setMaxWidth(180);
            HBox.setHgrow(tile, Priority.ALWAYS);
            tiles.getChildren().add(tile);
        }
        return tiles;
    }

    /** "Stock reserved" for STOCK_RESERVED. */
    static String words(OrderState state) {
        String text = state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private VBox createCauses() {
        Label title = new Label("Failures per cause");
        title.getStyleClass().add("text-bold");
        TableView<CauseCount> table = new TableView<>(model.causes());
        table.setId("order-causes");
        table.getStyleClass().add("dense");
        table.setPlaceholder(new Label("No order failed"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<CauseCount, String> cause = column("Cause", CauseCount::cause, 200);
        cause.setMinWidth(120);
        table.getColumns().addAll(cause, right(column("Orders", c -> CouponFunnelViewModel.count(c.count()), 80)));
        VBox box = new VBox(4, title, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(320);
        return box;
    }

    /** Each checkout step's consumer lag as a chip ("stock 0"), the group's name in its tooltip. */
    private VBox createLags() {
        Label title = new Label();
        title.setId("checkout-lag");
        title.getStyleClass().add("text-bold");
        title.textProperty().bind(model.lagSummaryProperty());
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        FlowPane chips = new FlowPane(6, 6);
        chips.setId("checkout-lags");
        model.lags().subscribe(() -> {
            chips.getChildren().clear();
            for (GroupLag group : model.lags()) {
                Label chip = new Label(OrdersViewModel.step(group) + " " + OrdersViewModel.lag(group));
                chip.getStyleClass().add("lag-chip");
                if (!group.known()) {
                    chip.getStyleClass().add("unknown");
                } else if (group.lag() > 0) {
                    chip.getStyleClass().add("lagging");
                }
                chip.setTooltip(new Tooltip("Consumer group " + group.group() + " on " + group.topic()));
                chips.getChildren().add(chip);
            }
        });
        Label caption = new Label("Records each checkout step's consumer group has still to handle (Kafka)");
        caption.getStyleClass().add("text-muted");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        Label outbox = new Label();
        outbox.setId("outbox-backlog");
        outbox.textProperty().bind(model.outboxSummaryProperty());
        outbox.setWrapText(true);
        outbox.setMinHeight(Region.USE_PREF_SIZE);
        outbox.setTooltip(new Tooltip("Events committed with their step (or redemption) that have not been sent to"
                + " Kafka yet: orders wait here before any consumer sees them"));
        model.outboxWaitingProperty().subscribe(waiting -> {
            if (waiting) {
                outbox.getStyleClass().add("outbox-waiting");
            } else {
                outbox.getStyleClass().remove("outbox-waiting");
            }
        });
        VBox box = new VBox(6, title, chips, caption, outbox);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(360);
        box.setMinWidth(200);
        return box;
    }

    private Label createFailedHeader() {
        Label title = new Label("Failed orders (the latest " + OrdersViewModel.SHOWN + ", the last to fail first)");
        title.getStyleClass().add("text-bold");
        return title;
    }

    private TableView<FailedOrderView> createFailed() {
        TableView<FailedOrderView> table = new TableView<>(model.failed());
        table.setId("failed-orders");
        table.setPlaceholder(new Label("No order failed"));
        table.setMinHeight(120);
        table.getStyleClass().add("dense");
        TableColumn<FailedOrderView, String> reason = column("Reason", FailedOrderView::reason, 320);
        reason.setMinWidth(150);
        reason.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        List<TableColumn<FailedOrderView, String>> fixed = List.of(
                right(column("Order", o -> Long.toString(o.orderId()), 62)),
                column("Customer", FailedOrderView::userId, 190),
                right(column("Coupon", o -> o.couponId() == null ? "" : Long.toString(o.couponId()), 82)),
                right(column("Amount", o -> o.amount() == null ? "–" : CouponFunnelViewModel.count(o.amount()), 82)),
                failedAt());
        table.getColumns().addAll(fixed);
        table.getColumns().add(reason);
        // the other columns keep their width; the reason takes the rest (whole in its tooltip)
        double taken = fixed.stream().mapToDouble(TableColumn::getPrefWidth).sum();
        reason.prefWidthProperty().bind(table.widthProperty().subtract(taken + 18));
        return table;
    }

    /** When the order failed; when it was created in the tooltip. */
    private TableColumn<FailedOrderView, String> failedAt() {
        TableColumn<FailedOrderView, String> column = column("Failed", o -> time.format(o.failedAt()), 125);
        column.setMinWidth(120);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                FailedOrderView order = empty ? null : getTableRow().getItem();
                setTooltip(order == null ? null : new Tooltip("Created " + time.format(order.createdAt())));
            }
        });
        return column;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(
                width, new javafx.scene.text.Text(title).getLayoutBounds().getWidth() * 1.2 + 24));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private static <S> TableColumn<S, String> right(TableColumn<S, String> column) {
        column.setCellFactory(c -> {
            TableCell<S, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setAlignment(Pos.CENTER_RIGHT);
            return cell;
        });
        return column;
    }
}
