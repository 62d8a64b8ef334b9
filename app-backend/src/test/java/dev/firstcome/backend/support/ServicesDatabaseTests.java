package dev.firstcome.backend.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicesDatabaseTests {

    @Test
    void aTestDatabaseNameCarriesItsCreationTimeAndOtherNamesAreNeverStale() {
        assertThat(ServicesDatabase.createdMillis("fc_it_1764800000000_42")).isEqualTo(1764800000000L);
        assertThat(ServicesDatabase.createdMillis("fc_it_1764800000000")).isEqualTo(1764800000000L);
        assertThat(ServicesDatabase.createdMillis("fc_it_abc_1")).isEqualTo(Long.MAX_VALUE);
        assertThat(ServicesDatabase.createdMillis("firstcome")).isEqualTo(Long.MAX_VALUE);
        assertThat(ServicesDatabase.createdMillis("test")).isEqualTo(Long.MAX_VALUE);
    }
}
