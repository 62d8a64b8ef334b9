package dev.firstcome.backend.rush;

import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import java.util.concurrent.CompletableFuture;

/** A running (or finished) rush. Thread-safe; {@link #progress()} is cheap enough to poll every frame. */
public interface RushHandle {

    String id();

    RushRequest request();

    /** A snapshot: sent, completed, total, answers by kind, current run. */
    RushProgress progress();

    /** Stops sending new requests; in-flight ones finish, the result says CANCELLED. Idempotent. */
    void cancel();

    /** Completes when the rush is over (never exceptionally: a failure is a FAILED result). */
    CompletableFuture<RushResult> result();
}
