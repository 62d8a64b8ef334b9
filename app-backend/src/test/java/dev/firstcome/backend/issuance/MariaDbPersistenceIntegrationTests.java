package dev.firstcome.backend.issuance;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/** The persistence scenarios on the machine's MariaDB and Redis (run with -Pservices). */
@Tag("services")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=issuance-mariadb-it",
            "firstcome.db.url=jdbc:mariadb://127.0.0.1:3306/test",
            "firstcome.db.user=root",
            "firstcome.db.password=",
            "firstcome.redis.url=redis://127.0.0.1:6379",
            "firstcome.issuance.scheduled-reissue=false",
            "firstcome.issuance.retry-attempts=2",
            "firstcome.issuance.retry-backoff=50ms",
            "firstcome.notifications.sweep-interval=1h"
        })
class MariaDbPersistenceIntegrationTests extends PersistenceScenarios {

    @Override
    void refuseInserts(long eventId) {
        jdbc.execute("CREATE TRIGGER fc_test_refuse_" + eventId + " BEFORE INSERT ON coupon FOR EACH ROW BEGIN"
                + " IF NEW.event_id = " + eventId + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT ="
                + " 'refused by test trigger'; END IF; END");
    }

    @Override
    void acceptInserts(long eventId) {
        jdbc.execute("DROP TRIGGER IF EXISTS fc_test_refuse_" + eventId);
    }
}
