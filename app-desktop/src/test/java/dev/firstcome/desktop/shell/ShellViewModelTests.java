package dev.firstcome.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeInfrastructureApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import org.junit.jupiter.api.Test;

class ShellViewModelTests {

    private final FakeInfrastructureApi infrastructure = new FakeInfrastructureApi();
    private final ShellViewModel model = new ShellViewModel(infrastructure, new InlineUiExecutor());

    @Test
    void theStatusBarShowsEachComponentWithStateModeAndAddress() {
        model.refreshStatus();

        assertThat(model.components())
                .extracting(ShellViewModel::describe)
                .containsExactly(
                        "redis UP · embedded · 127.0.0.1:6390",
                        "kafka UP · embedded · 127.0.0.1:9092",
                        "database DOWN · external · db");
        assertThat(model.httpApiUrlProperty().get()).isEqualTo("http://127.0.0.1:8080");
        assertThat(model.applyApiUrlProperty().get()).isEqualTo("apply http://127.0.0.1:8081");
    }

    @Test
    void theAdminTokenIsMaskedUntilRevealedAndCopiedInFull() {
        model.refreshStatus();

        assertThat(model.tokenTextProperty().get()).isEqualTo("secr••••••••••••");
        model.toggleTokenRevealed();
        assertThat(model.tokenTextProperty().get()).isEqualTo("secret-admin-token");
        model.toggleTokenRevealed();
        assertThat(model.tokenTextProperty().get()).doesNotContain("admin");
        assertThat(model.adminToken()).isEqualTo("secret-admin-token");
    }

    @Test
    void theStatusBarSaysWhenCustomerIdentityIsOff() {
        model.refreshStatus();

        assertThat(model.identityProperty().get()).isEqualTo("Customer identity: off");
        assertThat(model.identityOffProperty().get()).isTrue();
    }

    @Test
    void theEventsSectionIsShownFirst() {
        assertThat(model.sectionProperty().get()).isEqualTo(Section.EVENTS);
    }

    @Test
    void theReadOnlyListIsOneInstanceSoThatTheViewsListenerStaysAttached() {
        assertThat(model.components()).isSameAs(model.components());
    }
}
