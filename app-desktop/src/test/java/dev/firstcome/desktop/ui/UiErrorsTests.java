package dev.firstcome.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

class UiErrorsTests {

    @Test
    void anInvalidRequestNamesTheFieldInPlainWords() {
        assertThat(UiErrors.describe(new InvalidRequestException("name", "name must be 1 to 100 letters")))
                .isEqualTo("Name must be 1 to 100 letters");
        assertThat(UiErrors.describe(new InvalidRequestException("minutesBefore", "0 to 1440")))
                .isEqualTo("Minutes before: 0 to 1440");
        assertThat(UiErrors.describe(new InvalidRequestException("role", null))).isEqualTo("Role is invalid");
        assertThat(UiErrors.describe(new InvalidRequestException(
                        "costPerRedemption", "costPerRedemption must be between 0 and 1000000000 (minor units)")))
                .isEqualTo("Cost per redemption must be between 0 and 1000000000 (minor units)");
    }
}
