package dev.firstcome.backend.admission.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"firstcome.namespace=rebuild-lock", "firstcome.apply-server.port=0"})
class RebuildLockIntegrationTests {

    @Autowired
    RebuildLock rebuildLock;

    @Test
    void onlyOneHolderAtATimeGetsAnEventsRebuildLock() {
        long event = 900_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);

        assertThat(rebuildLock.tryWithLock(event, () -> rebuildLock.tryWithLock(event, () -> 1)))
                .contains(Optional.empty());
        assertThat(rebuildLock.tryWithLock(event, () -> 7)).contains(7);
        assertThat(rebuildLock.tryWithLock(event, () -> rebuildLock.tryWithLock(event + 1, () -> 1)))
                .contains(Optional.of(1));
    }
}
