package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CancellationTests {

    @Test
    void aPauseEndsAsSoonAsTheRushIsCancelled() throws Exception {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Boolean> pause = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                pause.complete(cancellation.await(Duration.ofMinutes(10)));
            } catch (InterruptedException e) {
                pause.completeExceptionally(e);
            }
        });

        cancellation.cancel();

        assertThat(pause.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancellation.cancelled()).isTrue();
    }

    @Test
    void aPauseRunsItsTimeWhenNothingCancels() throws Exception {
        Cancellation cancellation = new Cancellation();

        assertThat(cancellation.await(Duration.ofMillis(20))).isFalse();
        assertThat(cancellation.cancelled()).isFalse();
    }

    @Test
    void cancelIsIdempotentAndAnAwaitAfterItReturnsAtOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        cancellation.cancel();

        assertThat(cancellation.await(Duration.ofMinutes(10))).isTrue();
    }
}
