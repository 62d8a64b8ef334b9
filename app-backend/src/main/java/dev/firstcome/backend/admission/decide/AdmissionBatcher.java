package dev.firstcome.backend.admission.decide;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit for admissions: the applies to one event and day that arrive while that lane's script is
 * running are decided together by the next run of admit.lua (one EVALSHA for up to {@code maxBatch}
 * applies, decided in arrival order, each exactly as if it ran alone). A lone apply is sent at once, so
 * nothing waits for a batch to fill: batches only form under load, and then an apply waits for the run in
 * flight before its own (for more than one only when over {@code maxBatch} applies are waiting). Redis
 * answers one round trip per batch instead of one per apply, which is what the single Redis all servers
 * share spends most of its time on. A failed run fails its batch and the applies waiting behind it (never
 * sent: nothing was admitted for them).
 */
final class AdmissionBatcher {

    /** Runs admit.lua for one lane's batch; completes with the script's answer. */
    @FunctionalInterface
    interface ScriptRun {
        CompletableFuture<List<Object>> run(long eventId, LocalDate day, List<Apply> batch);
    }

    /** One apply waiting for its decision. */
    record Apply(String userId, long nowMillis, CompletableFuture<List<Object>> answer) {}

    private final int maxBatch;
    private final ScriptRun script;
    private final ConcurrentHashMap<LaneKey, Lane> lanes = new ConcurrentHashMap<>();

    AdmissionBatcher(int maxBatch, ScriptRun script) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.script = script;
    }

    /**
     * Queues one apply; completes with this apply's part of the script's answer ({@code [outcome, rank,
     * admissionId]}, or {@code [NO_STATE]}), or fails as the whole run failed.
     */
    CompletableFuture<List<Object>> submit(long eventId, LocalDate day, String userId, long nowMillis) {
        Apply apply = new Apply(userId, nowMillis, new CompletableFuture<>());
        LaneKey key = new LaneKey(eventId, day);
        List<Apply> batch;
        Lane lane;
        while (true) {
            lane = lanes.computeIfAbsent(key, Lane::new);
            batch = lane.offer(apply, maxBatch);
            if (batch != Lane.RETIRED) {
                break;
            }
            lanes.remove(key, lane); // idle and retired a moment ago: a new lane takes its place
        }
        if (batch != null) {
            send(lane, batch);
        }
        return apply.answer();
    }

    /** Lanes currently known (one per event and day with applies in flight): for tests. */
    int lanes() {
        return lanes.size();
    }

    private void send(Lane lane, List<Apply> batch) {
        CompletableFuture<List<Object>> run;
        try {
            run = script.run(lane.key.eventId(), lane.key.day(), batch);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((answer, failure) -> {
            if (failure != null) {
                // Redis unreachable or too slow: the applies waiting behind this run would only wait for the
                // same failure, one batch at a time; they were never sent, so they fail now too (503,
                // nothing admitted) and the next apply starts a new lane
                List<Apply> waiting = lane.retire();
                lanes.remove(lane.key, lane);
                batch.forEach(apply -> apply.answer().completeExceptionally(failure));
                waiting.forEach(apply -> apply.answer().completeExceptionally(failure));
                return;
            }
            // the next batch goes out before this one's applies continue (their Kafka sends): Redis stays busy
            List<Apply> next = lane.next(maxBatch);
            if (next == null) {
                lanes.remove(lane.key, lane);
            } else {
                send(lane, next);
            }
            complete(batch, answer);
        });
    }

    private static void complete(List<Apply> batch, List<Object> answer) {
        if (batch.size() == 1) {
            batch.getFirst().answer().complete(answer);
            return;
        }
        if (answer.size() == 1) {
            // NO_STATE (or any single answer) concerns every apply of the batch
            batch.forEach(apply -> apply.answer().complete(answer));
            return;
        }
        if (answer.size() != 3 * batch.size()) {
            var wrong = new IllegalStateException(
                    "admit.lua answered " + answer.size() + " values for " + batch.size() + " applies");
            batch.forEach(apply -> apply.answer().completeExceptionally(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answer.subList(3 * i, 3 * i + 3));
        }
    }

    private record LaneKey(long eventId, LocalDate day) {}

    /** The queue of one event and day; at most one script run of a lane is in flight. */
    private static final class Lane {

        static final List<Apply> RETIRED = List.of();

        final LaneKey key;
        private final ArrayDeque<Apply> waiting = new ArrayDeque<>();
        private boolean running;
        private boolean retired;

        Lane(LaneKey key) {
            this.key = key;
        }

        /** Queues the apply; returns the batch to send now, null when a run is in flight, RETIRED when gone. */
        synchronized List<Apply> offer(Apply apply, int maxBatch) {
            if (retired) {
                return RETIRED;
            }
            waiting.add(apply);
            if (running) {
                return null;
            }
            running = true;
            return take(maxBatch);
        }

        /** After a run: the next batch, or null (and the lane retires) when nothing waits. */
        synchronized List<Apply> next(int maxBatch) {
            if (waiting.isEmpty()) {
                running = false;
                retired = true;
                return null;
            }
            return take(maxBatch);
        }

        /** After a failed run: every waiting apply, and the lane retires. */
        synchronized List<Apply> retire() {
            List<Apply> waiting = new ArrayList<>(this.waiting);
            this.waiting.clear();
            running = false;
            retired = true;
            return waiting;
        }

        private List<Apply> take(int maxBatch) {
            List<Apply> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            return batch;
        }
    }
}
