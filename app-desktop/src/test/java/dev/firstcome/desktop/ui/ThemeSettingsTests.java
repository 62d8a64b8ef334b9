package dev.firstcome.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThemeSettingsTests {

    private final Preferences node = Preferences.userRoot().node("dev/firstcome/console-tests/" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    @Test
    void theDarkThemeIsRememberedForTheNextStart() {
        var settings = new ThemeSettings(node);
        assertThat(settings.darkProperty().get()).isFalse();

        settings.darkProperty().set(true);

        assertThat(new ThemeSettings(node).darkProperty().get()).isTrue();
    }
}
