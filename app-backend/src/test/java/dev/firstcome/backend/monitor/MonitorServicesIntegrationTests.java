package dev.firstcome.backend.monitor;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/** The monitor scenarios on the machine's MariaDB and Redis (run with {@code -Pservices}). */
@Tag("services")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.db.url=jdbc:mariadb://127.0.0.1:3306/test",
            "firstcome.db.user=root",
            "firstcome.db.password=",
            "firstcome.redis.url=redis://127.0.0.1:6379",
            "firstcome.namespace=monitor-svc",
            "firstcome.monitor.rebuild-retry=1s",
            "firstcome.monitor.heal-drain-wait=1s",
            // the operator's reconcile and heal, without the automatic repair (LostAdmissionRepairIntegrationTests)
            "firstcome.repair.enabled=false"
        })
class MonitorServicesIntegrationTests extends MonitorScenarios {}
