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

    @Test
    void theStatusBarSummarisesAReplicatedTopology() {
        var redis = new dev.firstcome.model.ComponentStatus(
                "redis",
                true,
                "cluster",
                "127.0.0.1:7000,127.0.0.1:7001",
                "PONG; cluster: 3/3 master(s) up, 2/3 replica(s) up; replica acks 1 within 1000 ms");
        var kafka = new dev.firstcome.model.ComponentStatus(
                "kafka",
                true,
                "external",
                "127.0.0.1:9092,127.0.0.1:9093",
                "3 broker(s) up, replication factor 3, min.insync.replicas 2, 4/12 partition(s) under-replicated");
        var single = new dev.firstcome.model.ComponentStatus(
                "kafka",
                true,
                "embedded",
                "127.0.0.1:9092",
                "1 broker(s) up, replication factor 1, min.insync.replicas 1, 0/12 partition(s) under-replicated");

        assertThat(ShellViewModel.topology(redis)).isEqualTo("3/3 masters, 2/3 replicas, WAIT 1");
        assertThat(ShellViewModel.topology(kafka)).isEqualTo("3 brokers, factor 3, 4 under-replicated");
        assertThat(ShellViewModel.topology(single)).isEmpty();
        assertThat(ShellViewModel.describe(redis)).endsWith(" · 3/3 masters, 2/3 replicas, WAIT 1");
    }

    @Test
    void aMasterWithoutEnoughReplicasIsShownDegradedInTheStatusBar() {
        var redis = new dev.firstcome.model.ComponentStatus(
                "redis",
                true,
                "cluster",
                "127.0.0.1:7000,127.0.0.1:7001",
                "PONG; cluster: 3/4 master(s) up, 2/3 replica(s) up; replica acks 1 within 1000 ms; replica acks"
                        + " degraded: master 127.0.0.1:7004 has 0 of 1 replica(s) attached; admissions there wait"
                        + " for the replicas it has (none: no WAIT), 1 again once a replica attaches");

        assertThat(ShellViewModel.topology(redis))
                .isEqualTo("3/4 masters, 2/3 replicas, WAIT 1 degraded (127.0.0.1:7004: 0 replicas)");
    }
}
