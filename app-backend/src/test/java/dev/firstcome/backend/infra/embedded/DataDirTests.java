package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Where the embedded servers keep their data: FIRSTCOME_DATA_DIR, else $HOME/.firstcome. */
class DataDirTests {

    @Test
    void homeFromTheEnvironmentWinsOverTheJvmsUserHome() {
        var env = new MockEnvironment().withProperty("HOME", "/tmp/operator-home");
        assertThat(EmbeddedServersEnvironmentPostProcessor.dataDir(env))
                .isEqualTo(Path.of("/tmp/operator-home/.firstcome"));
    }

    @Test
    void withoutHomeTheJvmsUserHomeIsUsed() {
        assertThat(EmbeddedServersEnvironmentPostProcessor.dataDir(new MockEnvironment()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".firstcome"));
    }

    @Test
    void anExplicitDataDirWins() {
        var env = new MockEnvironment()
                .withProperty("HOME", "/tmp/operator-home")
                .withProperty("firstcome.data-dir", "/tmp/fc-data");
        assertThat(EmbeddedServersEnvironmentPostProcessor.dataDir(env)).isEqualTo(Path.of("/tmp/fc-data"));
    }

    @Test
    void aClashNamesFirstcomeDataDir() {
        var clash = new DataDirLock.DataDirInUseException(Path.of("/tmp/fc"), "4242");
        assertThat(clash.getMessage()).contains("pid 4242").contains("/tmp/fc").contains("FIRSTCOME_DATA_DIR");
    }
}
