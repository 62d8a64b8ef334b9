package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeRushApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushRequest;
import org.junit.jupiter.api.Test;

/** The rush dialog's crash part: worker JVMs and a fault, turned into the rush request, or refused. */
class RushFaultViewModelTests {

    private final FakeRushApi rush = new FakeRushApi();
    private final RushViewModel model = new RushViewModel(rush, new InlineUiExecutor());

    @Test
    void byDefaultTheStrategyRunsInsideTheServerWithoutFault() {
        RushRequest request = model.request();

        assertThat(request.workers()).isNull();
        assertThat(request.fault()).isNull();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void aSigkillOfTheSecondWorkerWithRestartGoesIntoTheRequest() {
        model.chosenStrategies().add("jvm-buffered-wal");
        model.workersProperty().set(2);
        model.faultKindProperty().set(RushFault.SIGKILL);
        model.faultAtPercentProperty().set("30");
        model.faultWorkerProperty().set(2);
        model.faultRestartProperty().set(true);

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.start()).isTrue();

        RushRequest sent = rush.last().request();
        assertThat(sent.workers()).isEqualTo(2);
        assertThat(sent.fault()).isEqualTo(new RushFault(RushFault.SIGKILL, 0.3, true, 2));
    }

    @Test
    void aFaultWithoutWorkersIsRefused() {
        model.faultKindProperty().set(RushFault.SIGTERM);

        assertThat(model.errorProperty().get()).contains("worker JVMs");
        assertThat(model.start()).isFalse();
        assertThat(rush.started()).isEmpty();
    }

    @Test
    void theStruckWorkerMustExistAndThePointBeAPercentage() {
        model.workersProperty().set(1);
        model.faultKindProperty().set(RushFault.SIGKILL);
        model.faultWorkerProperty().set(2);
        assertThat(model.errorProperty().get()).contains("struck worker");

        model.faultWorkerProperty().set(1);
        model.faultAtPercentProperty().set("100");
        assertThat(model.errorProperty().get()).contains("percentage");

        model.faultAtPercentProperty().set("50");
        assertThat(model.errorProperty().get()).isEmpty();
    }
}
