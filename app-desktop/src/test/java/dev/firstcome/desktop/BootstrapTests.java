package dev.firstcome.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class BootstrapTests {

    @Test
    void aStartFailureNamesItsRootCauseAndWhatToCheck() {
        var failure = new IllegalStateException(
                "Application run failed",
                new IllegalArgumentException("No redis address is configured and embedded servers are disabled"));

        String text = ConsoleApplication.startFailureText(failure);

        assertThat(text).startsWith("No redis address is configured and embedded servers are disabled");
        assertThat(text).contains("(Application run failed)").contains("FIRSTCOME_HTTP_PORT");
        assertThat(text).doesNotContain("at dev.firstcome");
    }

    @Test
    void aDataDirectoryClashNamesFirstcomeDataDirNotTheServersSettings() {
        var failure = new IllegalStateException(
                "Application run failed",
                new IllegalStateException("Another FirstCome (pid 4242) is using the data directory /root/.firstcome;"
                        + " stop it or set FIRSTCOME_DATA_DIR to another directory"));

        String text = ConsoleApplication.startFailureText(failure);

        assertThat(text).startsWith("Another FirstCome (pid 4242)").contains("FIRSTCOME_DATA_DIR=");
        assertThat(text).doesNotContain("firstcome.redis.url").doesNotContain("firstcome.kafka");
    }

    @Test
    void aTakenPortIsSeenAsUnavailable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            assertThat(BackendStarter.available(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void anExplicitPortArgumentCountsAsConfigured() {
        assertThat(BackendStarter.portConfigured(new String[] {"--server.port=9000"}))
                .isTrue();
    }
}
