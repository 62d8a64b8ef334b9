package dev.firstcome.backend.admission;

import dev.firstcome.backend.support.ServicesDatabase;
import dev.firstcome.backend.support.ServicesDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/** The apply races on the machine's PostgreSQL and Redis (run with -Pservices). */
@Tag("services")
@TestPropertySource(properties = "firstcome.test.context=postgresql")
class ApplyRacePostgresServicesTests extends AbstractApplyRaceTests {

    @BeforeAll
    static void usePostgres() {
        ServicesDatabase.use(Kind.POSTGRESQL);
    }

    @AfterAll
    static void dropPostgres() {
        ServicesDatabase.release();
    }
}
