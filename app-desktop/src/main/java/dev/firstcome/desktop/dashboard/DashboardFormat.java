package dev.firstcome.desktop.dashboard;

import java.util.Locale;

/** How the dashboard writes counts and times. */
final class DashboardFormat {

    static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private DashboardFormat() {}

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static java.time.ZoneId zone() {
        return java.time.ZoneId.systemDefault();
    }
}
