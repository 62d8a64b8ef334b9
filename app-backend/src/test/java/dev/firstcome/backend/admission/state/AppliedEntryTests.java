package dev.firstcome.backend.admission.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.model.CouponAdmitted;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AppliedEntryTests {

    @Test
    void appliedEntryRoundTripsAnAdmission() {
        var admitted = new CouponAdmitted(
                7, "u@x.io", 17, 42, LocalDate.of(2031, 3, 3), Instant.ofEpochMilli(1_900_000_000_123L));

        String value = AppliedEntry.format(admitted);

        assertThat(value).isEqualTo("42:17:2031-03-03:1900000000123");
        assertThat(AppliedEntry.parse(7, "u@x.io", value)).isEqualTo(admitted);
    }

    @Test
    void userIdsAllowLettersDigitsAndFewSymbols() {
        assertThat(UserIds.isValid("a.b_c@d+e-f9")).isTrue();
        assertThat(UserIds.isValid("x".repeat(128))).isTrue();
        assertThat(UserIds.isValid("x".repeat(129))).isFalse();
        assertThat(UserIds.isValid("")).isFalse();
        assertThat(UserIds.isValid(null)).isFalse();
        assertThat(UserIds.isValid("white space")).isFalse();
        assertThat(UserIds.isValid("ünïcode")).isFalse();
    }
}
