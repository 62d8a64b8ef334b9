package dev.firstcome.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.firstcome.desktop.ConsoleBackend;
import dev.firstcome.desktop.commerce.CommerceView;
import dev.firstcome.desktop.commerce.CouponFunnelViewModel;
import dev.firstcome.desktop.commerce.OrdersViewModel;
import dev.firstcome.desktop.commerce.SettlementViewModel;
import dev.firstcome.desktop.commerce.VendorsViewModel;
import dev.firstcome.desktop.dashboard.DashboardView;
import dev.firstcome.desktop.dashboard.DashboardViewModel;
import dev.firstcome.desktop.events.EventsView;
import dev.firstcome.desktop.events.EventsViewModel;
import dev.firstcome.desktop.failures.FailuresView;
import dev.firstcome.desktop.failures.FailuresViewModel;
import dev.firstcome.desktop.room.WaitingRoomView;
import dev.firstcome.desktop.room.WaitingRoomViewModel;
import dev.firstcome.desktop.rush.RushDialog;
import dev.firstcome.desktop.rush.RushHistoryViewModel;
import dev.firstcome.desktop.rush.RushView;
import dev.firstcome.desktop.rush.RushViewModel;
import dev.firstcome.desktop.rush.WarmupScheduleViewModel;
import dev.firstcome.desktop.security.AuditLogViewModel;
import dev.firstcome.desktop.security.OperatorTokensViewModel;
import dev.firstcome.desktop.security.SecurityView;
import dev.firstcome.desktop.ui.ThemeSettings;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** Builds the main window from the backend facades: the composition root of the views. */
public final class ConsoleWindow {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final ShellViewModel shellModel;
    private final EventsView eventsView;
    private final DashboardViewModel dashboardModel;
    private final DashboardView dashboardView;
    private final FailuresView failuresView;
    private final RushViewModel rushModel;
    private final SecurityView securityView;
    private final WaitingRoomView roomView;
    private final CommerceView commerceView;
    private RushDialog rushDialog;
    private final ShellView shell;
    private final Scene scene;

    public ConsoleWindow(ConsoleBackend backend, UiExecutor executor, Clock clock) {
        this(backend, executor, clock, ThemeSettings.forUser());
    }

    public ConsoleWindow(ConsoleBackend backend, UiExecutor executor, Clock clock, ThemeSettings theme) {
        applyTheme(theme.darkProperty().get());
        theme.darkProperty().addListener((o, was, dark) -> applyTheme(dark));
        shellModel = new ShellViewModel(backend.infrastructure(), executor);
        dashboardModel =
                new DashboardViewModel(backend.events(), backend.monitor(), backend.admission(), executor, clock);
        dashboardView = new DashboardView(dashboardModel);
        eventsView = new EventsView(
                new EventsViewModel(backend.events(), backend.admission(), executor, clock),
                this::openDashboard,
                this::simulateRush);
        rushModel = new RushViewModel(backend.rush(), executor);
        rushModel.liveEventIdProperty().addListener((o, was, eventId) -> {
            if (eventId != null) {
                dashboardModel.watchId(eventId);
                shellModel.sectionProperty().set(Section.DASHBOARD);
            }
        });
        failuresView = new FailuresView(new FailuresViewModel(backend.events(), backend.issuance(), executor));
        securityView = new SecurityView(
                new OperatorTokensViewModel(backend.tokens(), executor),
                new AuditLogViewModel(backend.audit(), executor, clock.getZone()),
                clock.getZone());
        roomView = new WaitingRoomView(new WaitingRoomViewModel(backend.events(), backend.rooms(), executor));
        commerceView = new CommerceView(
                new CouponFunnelViewModel(
                        backend.events(), backend.redemption(), backend.monitor(), executor, clock.getZone()),
                new VendorsViewModel(backend.vendors(), executor),
                new SettlementViewModel(backend.vendors(), backend.monitor(), executor, clock),
                new OrdersViewModel(backend.orders(), backend.orderAdmin(), backend.monitor(), executor),
                clock.getZone());
        shell = new ShellView(
                shellModel,
                theme,
                executor.errors(),
                Map.of(
                        Section.EVENTS, section(eventsView.root(), eventsView::setActive),
                        Section.DASHBOARD, section(dashboardView.root(), dashboardView::setActive),
                        Section.FAILURES,
                                section(failuresView.root(), active -> {
                                    if (active) {
                                        failuresView.refresh();
                                    }
                                }),
                        Section.RUSH,
                                new RushView(
                                        rushModel,
                                        new WarmupScheduleViewModel(
                                                backend.events(),
                                                backend.rush(),
                                                executor,
                                                clock,
                                                rushModel.warmupUsersProperty()),
                                        new RushHistoryViewModel(backend.rush(), executor, clock.getZone()),
                                        () -> simulateRush(null)),
                        Section.SECURITY, securityView,
                        Section.WAITING_ROOM, section(roomView.root(), roomView::setActive),
                        Section.COMMERCE, commerceView));
        scene = new Scene(shell.root(), WIDTH, HEIGHT);
        scene.getStylesheets()
                .add(Objects.requireNonNull(ConsoleWindow.class.getResource("/dev/firstcome/desktop/console.css"))
                        .toExternalForm());
        registerShortcuts();
    }

    /** AtlantaFX Primer Dark or Light for the whole application (dialogs too). */
    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private static ShellView.SectionView section(Node node, Consumer<Boolean> activation) {
        return new ShellView.SectionView() {
            @Override
            public Node root() {
                return node;
            }

            @Override
            public void setActive(boolean active) {
                activation.accept(active);
            }
        };
    }

    /** Shows the window on this stage and starts the status checks. */
    public void show(Stage stage) {
        stage.setTitle("FirstCome console");
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
        shell.start();
    }

    /** Stops every periodic refresh. */
    public void stop() {
        shell.stop();
    }

    public Scene scene() {
        return scene;
    }

    private void openDashboard(EventView event) {
        dashboardModel.watch(event);
        shell.navigate(Section.DASHBOARD);
    }

    /** Opens the rush dialog for this event (null: fresh rehearsal events). */
    public void simulateRush(EventView event) {
        if (rushDialog == null) {
            rushDialog = new RushDialog(rushModel, scene.getWindow());
        }
        rushDialog.open(event);
    }

    private void registerShortcuts() {
        Map<KeyCombination, Runnable> shortcuts = new java.util.LinkedHashMap<>();
        Section[] sections = Section.values();
        KeyCode[] digits = {
            KeyCode.DIGIT1,
            KeyCode.DIGIT2,
            KeyCode.DIGIT3,
            KeyCode.DIGIT4,
            KeyCode.DIGIT5,
            KeyCode.DIGIT6,
            KeyCode.DIGIT7
        };
        for (int i = 0; i < sections.length; i++) {
            Section section = sections[i];
            shortcuts.put(
                    new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> shell.navigate(section));
        }
        shortcuts.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            shell.navigate(Section.EVENTS);
            eventsView.newEvent();
        });
        shortcuts.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), eventsView::editSelected);
        shortcuts.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), eventsView::togglePause);
        shortcuts.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), eventsView::simulateRush);
        shortcuts.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), dashboardView::reconcile);
        shortcuts.put(new KeyCodeCombination(KeyCode.F5), this::refreshCurrent);
        shortcuts.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), Platform::exit);
        scene.getAccelerators().putAll(shortcuts);
    }

    private void refreshCurrent() {
        switch (shellModel.sectionProperty().get()) {
            case EVENTS -> eventsView.refresh();
            case DASHBOARD -> dashboardView.refresh();
            case FAILURES -> failuresView.refresh();
            case RUSH -> shellModel.refreshStatus();
            case SECURITY -> securityView.refresh();
            case WAITING_ROOM -> roomView.refresh();
            case COMMERCE -> commerceView.refresh();
        }
    }
}
