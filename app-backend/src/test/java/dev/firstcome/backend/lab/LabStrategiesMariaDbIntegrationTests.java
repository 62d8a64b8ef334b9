package dev.firstcome.backend.lab;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/** The lab strategies on the machine's MariaDB and Redis (MySQL dialect of V20): run with {@code -Pservices}. */
@Tag("services")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "firstcome.db.url=jdbc:mariadb://127.0.0.1:3306/test",
            "firstcome.db.user=root",
            "firstcome.redis.url=redis://127.0.0.1:6379",
            "firstcome.namespace=lab-strategies-mariadb-test"
        })
class LabStrategiesMariaDbIntegrationTests extends AbstractLabStrategiesTests {}
