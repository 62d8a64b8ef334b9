package dev.firstcome.backend.admission;

import dev.firstcome.backend.support.ServicesDatabase;
import dev.firstcome.backend.support.ServicesDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/** The apply races on the machine's MariaDB and Redis (run with -Pservices). */
@Tag("services")
@TestPropertySource(properties = "firstcome.test.context=mariadb")
class ApplyRaceMariaDbServicesTests extends AbstractApplyRaceTests {

    @BeforeAll
    static void useMariaDb() {
        ServicesDatabase.use(Kind.MARIADB);
    }

    @AfterAll
    static void dropMariaDb() {
        ServicesDatabase.release();
    }
}
