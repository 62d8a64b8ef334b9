package dev.firstcome.desktop.shell;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.ComponentStatus;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The window's frame: navigation and the status bar (components, HTTP API URL, admin token). */
public final class ShellViewModel {

    private final InfrastructureApi infrastructure;
    private final UiExecutor executor;
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(Section.EVENTS);
    private final ObservableList<ComponentStatus> components = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<ComponentStatus> componentsView = FXCollections.unmodifiableObservableList(components);

    private final ReadOnlyStringWrapper httpApiUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper applyApiUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper identityOff =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper tokenRevealed = new ReadOnlyBooleanWrapper();
    private boolean refreshing;
    private String tokenValue = "";

    public ShellViewModel(InfrastructureApi infrastructure, UiExecutor executor) {
        this.infrastructure = infrastructure;
        this.executor = executor;
        tokenRevealed.addListener((o, was, now) -> showToken());
    }

    /** The visible section (the side bar binds it). */
    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public ObservableList<ComponentStatus> components() {
        return componentsView;
    }

    public ReadOnlyStringProperty httpApiUrlProperty() {
        return httpApiUrl.getReadOnlyProperty();
    }

    /** Where customers apply (the apply server), or empty when it is the HTTP API itself. */
    public ReadOnlyStringProperty applyApiUrlProperty() {
        return applyApiUrl.getReadOnlyProperty();
    }

    /** The admin token as shown: masked unless revealed. */
    /** "Customer identity: off" (anyone may apply as anyone) or the mode in force. */
    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** True when customers are not identified: the status bar shows it as a warning. */
    public ReadOnlyBooleanProperty identityOffProperty() {
        return identityOff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenTextProperty() {
        return token.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tokenRevealedProperty() {
        return tokenRevealed.getReadOnlyProperty();
    }

    public void toggleTokenRevealed() {
        tokenRevealed.set(!tokenRevealed.get());
    }

    /** The full token, for the clipboard (empty until the first status check). */
    public String adminToken() {
        return tokenValue;
    }

    /** Checks Redis, Kafka and the database (each check is bounded by a short timeout). */
    public void refreshStatus() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        executor.submit(
                "Checking components",
                () -> new Status(
                        infrastructure.components(),
                        infrastructure.httpApiUrl(),
                        infrastructure.applyApiUrl(),
                        infrastructure.adminToken(),
                        infrastructure.customerIdentity()),
                status -> {
                    refreshing = false;
                    components.setAll(status.components());
                    httpApiUrl.set(status.httpApiUrl().isEmpty() ? "(not listening)" : status.httpApiUrl());
                    applyApiUrl.set(
                            status.applyApiUrl().equals(status.httpApiUrl()) ? "" : "apply " + status.applyApiUrl());
                    tokenValue = status.adminToken();
                    identity.set("Customer identity: " + status.identity());
                    identityOff.set("off".equals(status.identity()));
                    showToken();
                },
                failure -> refreshing = false);
    }

    private record Status(
            List<ComponentStatus> components,
            String httpApiUrl,
            String applyApiUrl,
            String adminToken,
            String identity) {}

    private void showToken() {
        token.set(tokenRevealed.get() ? tokenValue : mask(tokenValue));
    }

    static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return value.length() <= 4
                ? "•".repeat(value.length())
                : value.substring(0, 4) + "•".repeat(Math.min(12, value.length() - 4));
    }

    /** "redis UP · embedded · 127.0.0.1:6379" (the address without scheme, user or path). */
    public static String describe(ComponentStatus status) {
        String address = shortAddress(status.address());
        String topology = topology(status);
        return status.name() + " " + (status.up() ? "UP" : "DOWN") + " · " + status.mode()
                + (address.isEmpty() ? "" : " · " + address)
                + (topology.isEmpty() ? "" : " · " + topology);
    }

    private static final java.util.regex.Pattern REDIS_NODES =
            java.util.regex.Pattern.compile("(\\d+/\\d+) master\\(s\\) up, (\\d+/\\d+) replica\\(s\\) up");
    private static final java.util.regex.Pattern REPLICA_ACKS = java.util.regex.Pattern.compile("replica acks (\\d+)");
    private static final java.util.regex.Pattern DEGRADED_MASTER =
            java.util.regex.Pattern.compile("master (\\S+) has (\\d+) of \\d+ replica\\(s\\) attached");
    private static final java.util.regex.Pattern KAFKA_BROKERS = java.util.regex.Pattern.compile(
            "(\\d+) broker\\(s\\) up, replication factor (\\d+).*?(\\d+)/\\d+ partition\\(s\\) under-replicated");

    /**
     * The replicated topology in a few words, read from the component's health detail: "3/3 masters, 3/3
     * replicas, WAIT 1" for a Redis Cluster or Sentinel ("WAIT 1 degraded (127.0.0.1:7001: 0 replicas)"
     * while a master has fewer replicas attached than that), "3 brokers, factor 3, 0 under-replicated" for
     * several brokers; empty for a single server.
     */
    static String topology(ComponentStatus status) {
        String detail = status.detail() == null ? "" : status.detail();
        if (status.name().equals("redis")
                && (status.mode().equals("cluster") || status.mode().equals("sentinel"))) {
            var nodes = REDIS_NODES.matcher(detail);
            var acks = REPLICA_ACKS.matcher(detail);
            String text = (nodes.find() ? nodes.group(1) + " masters, " + nodes.group(2) + " replicas" : "")
                    + (acks.find() ? (nodes.find(0) ? ", " : "") + "WAIT " + acks.group(1) : "");
            int degradedAt = detail.indexOf("replica acks degraded:");
            if (degradedAt >= 0) {
                var masters = new java.util.ArrayList<String>();
                var degraded = DEGRADED_MASTER.matcher(detail.substring(degradedAt));
                while (degraded.find()) {
                    masters.add(degraded.group(1) + ": " + degraded.group(2) + " replicas");
                }
                text += " degraded" + (masters.isEmpty() ? "" : " (" + String.join(", ", masters) + ")");
            }
            return text;
        }
        if (status.name().equals("kafka")) {
            var brokers = KAFKA_BROKERS.matcher(detail);
            if (brokers.find()
                    && (Integer.parseInt(brokers.group(1)) > 1
                            || !brokers.group(3).equals("0"))) {
                return brokers.group(1) + " brokers, factor " + brokers.group(2) + ", " + brokers.group(3)
                        + " under-replicated";
            }
        }
        return "";
    }

    /** {@code jdbc:postgresql://127.0.0.1:5432/db?x} and {@code redis://u@h:1} become {@code host:port}. */
    static String shortAddress(String address) {
        if (address == null) {
            return "";
        }
        String rest = address.contains("://") ? address.substring(address.indexOf("://") + 3) : address;
        if (rest.contains("@")) {
            rest = rest.substring(rest.lastIndexOf('@') + 1);
        }
        int end = rest.length();
        for (char stop : new char[] {'/', '?', ';'}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return rest.substring(0, end);
    }
}
