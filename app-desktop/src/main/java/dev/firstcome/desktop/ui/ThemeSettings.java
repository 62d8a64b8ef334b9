package dev.firstcome.desktop.ui;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The console's look, remembered between starts (java.util.prefs, per user): light or dark (AtlantaFX's
 * Primer Light / Primer Dark). The window applies it; this class only keeps and stores the choice.
 */
public final class ThemeSettings {

    static final String DARK = "theme.dark";
    private final Preferences preferences;
    private final BooleanProperty dark;

    public ThemeSettings(Preferences preferences) {
        this.preferences = preferences;
        this.dark = new SimpleBooleanProperty(preferences.getBoolean(DARK, false));
        dark.addListener((o, was, now) -> {
            preferences.putBoolean(DARK, now);
            try {
                preferences.flush();
            } catch (BackingStoreException e) {
                // not remembered this time; the choice still applies now
            }
        });
    }

    /** The user's settings of this console. */
    public static ThemeSettings forUser() {
        return new ThemeSettings(Preferences.userRoot().node("dev/firstcome/console"));
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
