package dev.firstcome.desktop.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the console runs backend work: off the FX thread, with the result handed back on the FX
 * thread. A failure is reported to {@link UiErrors} (a readable message, never a stack trace) and then
 * given to the optional failure callback. Production: {@link FxUiExecutor}; ViewModel tests: inline.
 */
public interface UiExecutor {

    <T> void submit(String action, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    default <T> void submit(String action, Callable<T> work, Consumer<? super T> onSuccess) {
        submit(action, work, onSuccess, failure -> {});
    }

    /** Runs a small UI update on the FX thread (e.g. progress reported by a backend thread). */
    void publish(Runnable uiUpdate);

    /** Where failures are reported. */
    UiErrors errors();
}
