package dev.firstcome.backend.rush;

import dev.firstcome.model.RushFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker JVMs of one lab run, in front of them a round-robin balancer ({@link RushEngine.Targets})
 * that sends only to live workers, and the fault: when the request at the fault's share is picked, the
 * chosen worker leaves the balancer and gets its signal; with a restart it is started again on the same
 * slot and rejoins once it answers HTTP (the time from the signal to then is the recovery time). With
 * no live worker the balancer waits for a restart in progress, or answers "unreachable".
 */
final class WorkerFleet implements RushEngine.Targets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerFleet.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final LabWorkerLauncher launcher;
    private final String runId;
    private final int count;
    private final RushFault fault;
    private final long faultIndex;
    private final List<LabWorker> live = new CopyOnWriteArrayList<>();
    private final List<LabWorker> all = new CopyOnWriteArrayList<>();
    private final AtomicBoolean faulted = new AtomicBoolean();
    private final CompletableFuture<Void> faultDone = new CompletableFuture<>();
    private volatile Long recoveryMillis;
    private volatile boolean restarting;

    WorkerFleet(LabWorkerLauncher launcher, String runId, int count, RushFault fault, long requests) {
        this.launcher = launcher;
        this.runId = runId;
        this.count = count;
        this.fault = fault == null ? RushFault.none() : fault;
        double at = this.fault.at() == null ? 0.5 : this.fault.at();
        this.faultIndex = Math.min(Math.max(0, requests - 1), Math.round(requests * at));
        if (!this.fault.active()) {
            faultDone.complete(null);
        }
    }

    /** Starts every worker (in parallel) and waits until each answers. */
    void start() throws InterruptedException {
        List<Future<LabWorker>> starting = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 1; n <= count; n++) {
                int number = n;
                starting.add(executor.submit(() -> launcher.start(launcher.slot(runId, number), number)));
            }
        }
        Throwable failure = null;
        for (Future<LabWorker> future : starting) {
            try {
                LabWorker worker = future.get();
                all.add(worker);
                live.add(worker);
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure != null) {
            close(); // the workers that did start
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        live.sort(Comparator.comparingInt(LabWorker::number));
        log.info(
                "Rush {}: {} lab worker(s) ready at {}",
                runId,
                count,
                live.stream().map(LabWorker::url).toList());
    }

    @Override
    public String pick(long index) throws InterruptedException {
        if (fault.active() && index == faultIndex && faulted.compareAndSet(false, true)) {
            inject();
        }
        while (true) {
            List<LabWorker> workers = List.copyOf(live);
            if (!workers.isEmpty()) {
                return workers.get((int) (index % workers.size())).url();
            }
            if (!restarting) {
                return null;
            }
            try {
                faultDone.get(launcherTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                return null;
            }
        }
    }

    /** Takes the worker out of the balancer, signals it, and restarts it in the background when asked. */
    private void inject() {
        int number = fault.worker() == null ? 1 : fault.worker();
        LabWorker victim =
                live.stream().filter(w -> w.number() == number).findFirst().orElse(null);
        if (victim == null) {
            faultDone.complete(null);
            return;
        }
        boolean kill = RushFault.SIGKILL.equalsIgnoreCase(fault.kind());
        boolean restart = Boolean.TRUE.equals(fault.restart());
        restarting = restart;
        live.remove(victim);
        long signalled = System.nanoTime();
        victim.signal(kill);
        log.info(
                "Rush {}: {} sent to lab worker {} (pid {})",
                runId,
                kill ? "SIGKILL" : "SIGTERM",
                number,
                victim.process().pid());
        Thread.ofVirtual().name("rush-" + runId + "-fault").start(() -> {
            try {
                victim.awaitExit(STOP_TIMEOUT);
                if (restart) {
                    LabWorker again = launcher.start(victim.slot(), number);
                    recoveryMillis = (System.nanoTime() - signalled) / 1_000_000;
                    all.add(again);
                    live.add(again);
                    log.info("Rush {}: lab worker {} answers again after {} ms", runId, number, recoveryMillis);
                }
                faultDone.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                faultDone.completeExceptionally(e);
            } catch (RuntimeException e) {
                log.warn("Rush {}: lab worker {} did not come back: {}", runId, number, e.getMessage());
                faultDone.completeExceptionally(e);
            } finally {
                restarting = false;
            }
        });
    }

    private Duration launcherTimeout() {
        return STOP_TIMEOUT.plus(Duration.ofMinutes(3));
    }

    /** Waits until the fault (and its restart) is over, bounded; true when it is. */
    boolean awaitFault() throws InterruptedException {
        try {
            faultDone.get(launcherTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    boolean faultInjected() {
        return faulted.get();
    }

    /** From the signal until the restarted worker answered; null without a restart (or before it). */
    Long recoveryMillis() {
        return recoveryMillis;
    }

    /**
     * SIGTERM to every worker still running, SIGKILL after the stop timeout. The slots stay (each
     * worker's log and write-ahead log, for a look afterwards).
     */
    @Override
    public void close() throws InterruptedException {
        for (LabWorker worker : all) {
            if (worker.process().isAlive()) {
                worker.signal(false);
            }
        }
        for (LabWorker worker : all) {
            worker.awaitExit(STOP_TIMEOUT);
        }
    }
}
