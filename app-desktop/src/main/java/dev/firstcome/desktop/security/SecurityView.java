package dev.firstcome.desktop.security;

import dev.firstcome.desktop.shell.ShellView;
import java.time.ZoneId;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The Security section: operator tokens (create, revoke) and the audit log, one tab each. */
public final class SecurityView implements ShellView.SectionView {

    private final OperatorTokensViewModel tokens;
    private final AuditLogViewModel audit;
    private final TabPane root = new TabPane();
    private final Tab auditTab;
    private boolean active;

    public SecurityView(OperatorTokensViewModel tokens, AuditLogViewModel audit, ZoneId zone) {
        this.tokens = tokens;
        this.audit = audit;
        root.setId("security-view");
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab tokensTab = new Tab("Operator tokens", new OperatorTokensView(tokens, zone).root());
        tokensTab.setId("tokens-tab");
        auditTab = new Tab("Audit log", new AuditLogView(audit).root());
        auditTab.setId("audit-tab");
        root.getTabs().addAll(tokensTab, auditTab);
        // the log shows what was just done on the other tab
        root.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (active) {
                refresh();
            }
        });
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
        }
    }

    /** Reloads the visible tab. */
    public void refresh() {
        if (root.getSelectionModel().getSelectedItem() == auditTab) {
            audit.refresh();
        } else {
            tokens.refresh();
        }
    }
}
