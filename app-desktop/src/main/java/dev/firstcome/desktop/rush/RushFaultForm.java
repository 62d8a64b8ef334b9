package dev.firstcome.desktop.rush;

import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushRequest;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The rush form's crash part (issue 18): the strategy in worker JVMs, and a fault done to one of them. */
final class RushFaultForm {

    private final ObjectProperty<Integer> workers = new SimpleObjectProperty<>(0);
    private final ObjectProperty<String> faultKind = new SimpleObjectProperty<>(RushFault.NONE);
    private final StringProperty faultAtPercent = new SimpleStringProperty("50");
    private final BooleanProperty faultRestart = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> faultWorker = new SimpleObjectProperty<>(1);

    /** The fields whose change can change the form's error (not whether the struck worker restarts). */
    Observable[] validated() {
        return new Observable[] {workers, faultKind, faultAtPercent, faultWorker};
    }

    ObjectProperty<Integer> workersProperty() {
        return workers;
    }

    ObjectProperty<String> faultKindProperty() {
        return faultKind;
    }

    StringProperty faultAtPercentProperty() {
        return faultAtPercent;
    }

    BooleanProperty faultRestartProperty() {
        return faultRestart;
    }

    ObjectProperty<Integer> faultWorkerProperty() {
        return faultWorker;
    }

    /** Worker JVMs hosting the strategy: 0 (inside the server), 1 or 2. */
    int hosts() {
        return workers.get() == null ? 0 : workers.get();
    }

    /** The worker and fault part of the form, or null when it is fine. */
    String error(boolean onEvent) {
        int hosts = hosts();
        boolean faulty = faultKind.get() != null && !RushFault.NONE.equals(faultKind.get());
        if (hosts > 0 && onEvent) {
            return "Worker JVMs and faults need fresh rehearsal events";
        }
        if (faulty && hosts == 0) {
            return "A fault needs the strategy in 1 or 2 worker JVMs";
        }
        if (faulty) {
            Integer at = FormNumbers.whole(faultAtPercent.get());
            if (at == null || at < 0 || at > 99) {
                return "Fault point must be a percentage from 0 to 99";
            }
            int struck = faultWorker.get() == null ? 1 : faultWorker.get();
            if (struck < 1 || struck > hosts) {
                return "The struck worker must be one of the " + hosts + " worker(s)";
            }
        }
        return null;
    }

    /** The request with the worker and fault part of the form. */
    RushRequest applyTo(RushRequest request) {
        int hosts = hosts();
        if (hosts == 0) {
            return request;
        }
        RushFault fault = RushFault.NONE.equals(faultKind.get())
                ? RushFault.none()
                : RushFault.of(
                        faultKind.get(),
                        FormNumbers.whole(faultAtPercent.get()) / 100.0,
                        faultRestart.get(),
                        faultWorker.get() == null ? 1 : faultWorker.get());
        return request.withWorkers(hosts, fault);
    }
}
