package dev.firstcome.desktop.shell;

import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.model.ComponentStatus;
import java.util.EnumMap;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The frame: side bar navigation, the current section, a notification bar for failures, the status bar. */
public final class ShellView {

    /** What the shell needs of a section: its node and whether it is on screen. */
    public interface SectionView {
        Node root();

        default void setActive(boolean active) {}
    }

    private final ShellViewModel model;
    private final UiErrors errors;
    private final Map<Section, SectionView> sections;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<Section, ToggleButton> navigation = new EnumMap<>(Section.class);
    private final Timeline statusTicker;

    private final dev.firstcome.desktop.ui.ThemeSettings theme;

    public ShellView(
            ShellViewModel model,
            dev.firstcome.desktop.ui.ThemeSettings theme,
            UiErrors errors,
            Map<Section, SectionView> sections) {
        this.model = model;
        this.theme = theme;
        this.errors = errors;
        this.sections = new EnumMap<>(sections);
        root.setId("shell");
        root.setLeft(createSidebar());
        root.setCenter(new VBox(createNotificationBar(), content));
        VBox.setVgrow(content, Priority.ALWAYS);
        root.setBottom(createStatusBar());
        model.sectionProperty().addListener((o, was, now) -> show(was, now));
        show(null, model.sectionProperty().get());
        statusTicker = new Timeline(new KeyFrame(Duration.seconds(5), event -> model.refreshStatus()));
        statusTicker.setCycleCount(Timeline.INDEFINITE);
    }

    public BorderPane root() {
        return root;
    }

    /** Starts the status checks (first one now). */
    public void start() {
        model.refreshStatus();
        statusTicker.play();
    }

    public void stop() {
        statusTicker.stop();
        sections.values().forEach(section -> section.setActive(false));
    }

    public void navigate(Section section) {
        model.sectionProperty().set(section);
    }

    private void show(Section previous, Section next) {
        if (previous != null) {
            sections.get(previous).setActive(false);
        }
        content.getChildren().setAll(sections.get(next).root());
        navigation.get(next).setSelected(true);
        sections.get(next).setActive(true);
    }

    private VBox createSidebar() {
        Label brand = new Label("FirstCome");
        brand.getStyleClass().add("brand");
        VBox sidebar = new VBox(brand);
        sidebar.getStyleClass().add("sidebar");
        ToggleGroup group = new ToggleGroup();
        int index = 1;
        for (Section section : Section.values()) {
            ToggleButton button = new ToggleButton(section.title());
            button.setId("nav-" + section.name().toLowerCase(java.util.Locale.ROOT));
            button.setTooltip(new Tooltip("Ctrl+" + index++));
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setOnAction(event -> {
                button.setSelected(true); // a toggle group may otherwise leave nothing selected
                navigate(section);
            });
            navigation.put(section, button);
            sidebar.getChildren().add(button);
        }
        Pane push = new Pane();
        VBox.setVgrow(push, Priority.ALWAYS);
        javafx.scene.control.CheckBox dark = new javafx.scene.control.CheckBox("Dark theme");
        dark.setId("dark-theme");
        dark.setTooltip(new Tooltip("Remembered for the next start"));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        sidebar.getChildren().addAll(push, dark);
        return sidebar;
    }

    private HBox createNotificationBar() {
        Label message = new Label();
        message.setId("notification");
        message.setWrapText(true);
        message.textProperty().bind(errors.messageProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismiss-notification");
        dismiss.setOnAction(event -> errors.dismiss());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(message, spacer, dismiss);
        bar.getStyleClass().add("notification-bar");
        bar.visibleProperty().bind(errors.messageProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** "127.0.0.1:8080" for "http://127.0.0.1:8080" (and "apply 127.0.0.1:8081" for "apply http://…"). */
    static String withoutScheme(String text) {
        return text == null ? "" : text.replaceFirst("https?://", "");
    }

    private HBox createStatusBar() {
        HBox componentsBox = new HBox(12);
        componentsBox.setId("components");
        componentsBox.setAlignment(Pos.CENTER_LEFT);
        model.components().addListener((ListChangeListener<ComponentStatus>) change -> {
            componentsBox.getChildren().clear();
            for (ComponentStatus status : model.components()) {
                Label label = new Label(ShellViewModel.describe(status));
                label.setId("component-" + status.name());
                label.getStyleClass().add(status.up() ? "component-up" : "component-down");
                label.setTooltip(new Tooltip(status.address() + "\n" + status.detail()));
                // at 1024x640 the details give way, never "redis UP" itself (the tooltip has them all)
                String brief = status.name() + " " + (status.up() ? "UP" : "DOWN") + " …";
                label.setMinWidth(
                        new javafx.scene.text.Text(brief).getLayoutBounds().getWidth() + 6);
                componentsBox.getChildren().add(label);
            }
        });
        Label api = new Label();
        api.setId("http-api-url");
        // without the scheme: the status bar is narrow at 1024x640 (the tooltip has the whole URL)
        api.textProperty().bind(model.httpApiUrlProperty().map(ShellView::withoutScheme));
        Label apply = new Label();
        apply.setId("apply-api-url");
        apply.textProperty().bind(model.applyApiUrlProperty().map(ShellView::withoutScheme));
        Label identity = new Label();
        identity.setId("customer-identity");
        identity.textProperty().bind(model.identityProperty());
        model.identityOffProperty().subscribe(off -> {
            identity.getStyleClass().removeAll("component-up", "component-down");
            identity.getStyleClass().add(off ? "component-down" : "component-up");
        });
        identity.setTooltip(new Tooltip("Off: the apply trusts the userId it is given (anyone may apply as anyone)."
                + "\nSet FIRSTCOME_CUSTOMER_JWT_SECRET or FIRSTCOME_CUSTOMER_JWKS_URL before a real launch."));
        Label token = new Label();
        token.setId("admin-token");
        token.textProperty().bind(model.tokenTextProperty());
        Button reveal = new Button();
        reveal.setId("reveal-token");
        reveal.textProperty().bind(model.tokenRevealedProperty().map(shown -> shown ? "Hide" : "Show"));
        reveal.setOnAction(event -> model.toggleTokenRevealed());
        Button copy = new Button("Copy");
        copy.setId("copy-token");
        copy.setTooltip(new Tooltip("Copy the admin token (Bearer) to the clipboard"));
        copy.setOnAction(event -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(model.adminToken());
            Clipboard.getSystemClipboard().setContent(clip);
        });
        for (Button button : new Button[] {reveal, copy}) {
            button.getStyleClass().addAll("small", "flat");
            // the component labels shrink first (their tooltips keep the full address)
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label tokenCaption = new Label("Token");
        tokenCaption.setTooltip(new Tooltip("The admin token (Bearer) for the HTTP API's /api/admin endpoints"));
        for (Label label : new Label[] {identity, tokenCaption}) {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        // the addresses shrink from the left when the window is narrow: the port stays readable, the
        // tooltip has the whole address
        Tooltip apiTip = new Tooltip();
        apiTip.textProperty()
                .bind(model.httpApiUrlProperty()
                        .map(url -> url + "\nThe HTTP API: the console, operators' tools and customer reads"));
        api.setTooltip(apiTip);
        Tooltip applyTip = new Tooltip();
        applyTip.textProperty()
                .bind(model.applyApiUrlProperty()
                        .map(url -> url + "\nThe apply server: customers POST /api/events/{id}/apply here"));
        apply.setTooltip(applyTip);
        // the addresses and the token keep their width; the component labels give way (down to "redis UP …")
        for (Label label : new Label[] {api, apply}) {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        // the masked token may shrink to its first characters (Show and Copy stay)
        token.setMinWidth(60);
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(
                componentsBox,
                spacer,
                api,
                apply,
                new Separator(Orientation.VERTICAL),
                identity,
                new Separator(Orientation.VERTICAL),
                tokenCaption,
                token,
                reveal,
                copy);
        bar.getStyleClass().add("statusbar");
        return bar;
    }
}
