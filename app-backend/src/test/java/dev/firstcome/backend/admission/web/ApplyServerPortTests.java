package dev.firstcome.backend.admission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.security.CustomerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Where the apply server listens when the default port is taken by another process. */
class ApplyServerPortTests {

    @Test
    void whenTheDefaultPortIsTakenTheApplyServerListensOnAFreeOne() throws IOException {
        try (var taken = new ServerSocket()) {
            boolean ours = bind(taken);
            var server = new ApplyHttpServer(
                    mock(AdmissionApi.class),
                    new ApplyAnswers(
                            JsonMapper.builder().build(),
                            mock(CustomerIdentity.class),
                            new org.springframework.beans.factory.support.StaticListableBeanFactory()
                                    .getBeanProvider(dev.firstcome.backend.admission.EntryGate.class),
                            new org.springframework.beans.factory.support.StaticListableBeanFactory()
                                    .getBeanProvider(dev.firstcome.backend.admission.ApplyThrottle.class)),
                    new FirstComeProperties.ApplyServer(true, null, "0.0.0.0", 1, Duration.ofSeconds(5)),
                    dev.firstcome.backend.infra.web.ConnectionLimits.of(
                            new dev.firstcome.backend.infra.web.HttpLimitsProperties(
                                    0, 0, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60)),
                            4_096),
                    event -> {});
            server.start();
            try {
                assertThat(server.port()).isPositive().isNotEqualTo(ApplyHttpServer.DEFAULT_PORT);
                assertThat(ours || server.port() != ApplyHttpServer.DEFAULT_PORT)
                        .isTrue();
            } finally {
                server.stop();
            }
        }
    }

    /** Takes the default port; false when another process on the machine already holds it (still taken). */
    private static boolean bind(ServerSocket socket) {
        try {
            socket.bind(new InetSocketAddress("0.0.0.0", ApplyHttpServer.DEFAULT_PORT));
            return true;
        } catch (IOException alreadyTaken) {
            return false;
        }
    }
}
