package dev.firstcome.backend.rush;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-way stop signal: set once, never reset, and awaitable (a pause between bursts ends when it is set). */
final class Cancellation {

    private final CountDownLatch signal = new CountDownLatch(1);

    /** Sets the signal; idempotent. */
    void cancel() {
        signal.countDown();
    }

    boolean cancelled() {
        return signal.getCount() == 0;
    }

    /** Waits at most {@code timeout}; true when cancelled (before or meanwhile), false when the time ran out. */
    boolean await(Duration timeout) throws InterruptedException {
        return signal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
