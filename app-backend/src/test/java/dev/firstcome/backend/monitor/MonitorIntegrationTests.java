package dev.firstcome.backend.monitor;

import org.springframework.boot.test.context.SpringBootTest;

/** The monitor scenarios on the embedded Redis, Kafka and PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=monitor-it",
            "firstcome.monitor.rebuild-retry=1s",
            "firstcome.monitor.heal-drain-wait=1s",
            // the operator's reconcile and heal, without the automatic repair (LostAdmissionRepairIntegrationTests)
            "firstcome.repair.enabled=false"
        })
class MonitorIntegrationTests extends MonitorScenarios {}
