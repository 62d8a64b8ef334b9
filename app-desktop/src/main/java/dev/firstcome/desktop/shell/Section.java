package dev.firstcome.desktop.shell;

/** The side bar's destinations, in order (Ctrl+1..7). */
public enum Section {
    EVENTS("Events"),
    DASHBOARD("Dashboard"),
    FAILURES("Failed coupons"),
    RUSH("Rush"),
    SECURITY("Security"),
    WAITING_ROOM("Waiting room"),
    COMMERCE("Coupons & orders");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
