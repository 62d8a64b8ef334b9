package dev.firstcome.desktop.testing;

import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.desktop.ui.UiExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callbacks at once on the calling thread (ViewModel tests, no screen). */
public final class InlineUiExecutor implements UiExecutor {

    private final UiErrors errors = new UiErrors();

    @Override
    public <T> void submit(
            String action, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            onSuccess.accept(work.call());
        } catch (Exception failure) {
            errors.report(action, failure);
            onFailure.accept(failure);
        }
    }

    @Override
    public void publish(Runnable uiUpdate) {
        uiUpdate.run();
    }

    @Override
    public UiErrors errors() {
        return errors;
    }
}
