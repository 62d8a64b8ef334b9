package dev.firstcome.desktop.commerce;

import dev.firstcome.desktop.shell.ShellView;
import java.time.ZoneId;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

/**
 * The "Coupons & orders" section (Ctrl+7): an event's coupon funnel and redemptions over time, the vendors
 * with their balances and settlement, the checkout flow's orders and failures; one tab each. While shown,
 * the Coupons and Orders tabs read their figures every 5 seconds (the vendors only on demand: the form is
 * never reloaded under the operator's typing).
 */
public final class CommerceView implements ShellView.SectionView {

    private final CouponFunnelViewModel coupons;
    private final VendorsViewModel vendors;
    private final SettlementViewModel settlement;
    private final OrdersViewModel orders;
    private final TabPane root = new TabPane();
    private final Tab couponsTab;
    private final Tab vendorsTab;
    private final Tab ordersTab;
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(5), e -> tick()));
    private boolean active;

    public CommerceView(
            CouponFunnelViewModel coupons,
            VendorsViewModel vendors,
            SettlementViewModel settlement,
            OrdersViewModel orders,
            ZoneId zone) {
        this.coupons = coupons;
        this.vendors = vendors;
        this.settlement = settlement;
        this.orders = orders;
        root.setId("commerce-view");
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        couponsTab = new Tab("Coupons", new CouponFunnelView(coupons).root());
        couponsTab.setId("coupons-tab");
        vendorsTab = new Tab("Vendors", new VendorsView(vendors, settlement).root());
        vendorsTab.setId("vendors-tab");
        ordersTab = new Tab("Orders", new OrdersView(orders, zone).root());
        ordersTab.setId("orders-tab");
        root.getTabs().addAll(couponsTab, vendorsTab, ordersTab);
        root.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (active) {
                refresh();
            }
        });
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            refresh();
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    /** Reloads the visible tab. */
    public void refresh() {
        Tab shown = root.getSelectionModel().getSelectedItem();
        if (shown == vendorsTab) {
            vendors.refresh();
            settlement.load();
        } else if (shown == ordersTab) {
            orders.refresh();
        } else {
            coupons.refresh();
        }
    }

    private void tick() {
        Tab shown = root.getSelectionModel().getSelectedItem();
        if (shown == ordersTab) {
            orders.refresh();
        } else if (shown == couponsTab) {
            coupons.refreshFigures();
        }
    }
}
