package dev.firstcome.desktop.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/** Production executor: each piece of work is a {@link Task} on a small pool of daemon threads. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private final ExecutorService pool;
    private final UiErrors errors;

    public FxUiExecutor(UiErrors errors, int threads) {
        this.errors = errors;
        this.pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("console-worker-", 1).factory());
    }

    @Override
    public <T> void submit(
            String action, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(event -> {
            try {
                onSuccess.accept(task.getValue());
            } catch (RuntimeException failure) {
                fail(action, failure, onFailure);
            }
        });
        task.setOnFailed(event -> fail(action, task.getException(), onFailure));
        pool.execute(task);
    }

    private void fail(String action, Throwable failure, Consumer<Throwable> onFailure) {
        errors.report(action, failure);
        onFailure.accept(failure);
    }

    @Override
    public void publish(Runnable uiUpdate) {
        if (Platform.isFxApplicationThread()) {
            uiUpdate.run();
        } else {
            Platform.runLater(uiUpdate);
        }
    }

    @Override
    public UiErrors errors() {
        return errors;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
