package dev.firstcome.backend.admission;

import dev.firstcome.backend.support.ServicesDatabase;
import dev.firstcome.backend.support.ServicesDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/** The concurrent event edits on the machine's MariaDB and Redis (row locks and lock timeouts of InnoDB; -Pservices). */
@Tag("services")
// its own context: the cached "mariadb" one of the apply races points at a database they drop
@TestPropertySource(properties = "firstcome.test.context=mariadb-edits")
class ConcurrentEventEditsMariaDbServicesTests extends ConcurrentEventEditsIntegrationTests {

    @BeforeAll
    static void useMariaDb() {
        ServicesDatabase.use(Kind.MARIADB);
    }

    @AfterAll
    static void dropMariaDb() {
        ServicesDatabase.release();
    }
}
