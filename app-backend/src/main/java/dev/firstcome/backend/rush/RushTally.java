package dev.firstcome.backend.rush;

import dev.firstcome.model.CrashReport;
import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushQueueSummary;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one rush run has seen so far, safe to update from many threads and to read while it runs:
 * requests sent and answered, answers by kind, ISSUED answers per user, and the latency of every
 * answered request (HdrHistogram in microseconds, 3 significant digits, up to 10 minutes).
 */
final class RushTally {

    static final String ISSUED = "ISSUED";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String TIMEOUT = "TIMEOUT";
    static final String ERROR = "ERROR";
    /** No server listening (a killed worker, none left): the request never reached a server. */
    static final String UNREACHABLE = "UNREACHABLE";
    /** A journey through the waiting room cut short by a cancelled rush. */
    static final String CANCELLED = "CANCELLED";
    /** Turned away by the waiting room without an apply: the event sold out while the user waited. */
    static final String QUEUE_SOLD_OUT = "QUEUE_SOLD_OUT";
    /** Turned away by the waiting room without an apply: the event ended or was closed. */
    static final String QUEUE_CLOSED = "QUEUE_CLOSED";

    private static final long HIGHEST_MICROS = 600_000_000L;

    private final long total;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Integer> wins = new ConcurrentHashMap<>();
    private final ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    // the waiting room's side, when the rush goes through one
    private final LongAdder joined = new LongAdder();
    private final LongAdder letIn = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final ConcurrentHistogram waited = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    RushTally(long total) {
        this.total = total;
    }

    long total() {
        return total;
    }

    void sent() {
        sent.incrementAndGet();
    }

    long sentCount() {
        return sent.get();
    }

    long completedCount() {
        return completed.get();
    }

    /** An answered request: its kind (ISSUED, a refusal, UNAVAILABLE, HTTP_xxx) and latency. */
    void answered(String userId, String outcome, long latencyNanos) {
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, latencyNanos / 1_000)));
        count(userId, outcome);
    }

    /** A request without an answer (TIMEOUT, ERROR): counted, no latency. */
    void unanswered(String userId, String outcome) {
        count(userId, outcome);
    }

    /** A ticket taken in the waiting room. */
    void joined() {
        joined.increment();
    }

    /** A queue poll answered. */
    void polled() {
        polls.increment();
    }

    /** A user's turn came after waiting {@code waitedNanos} since joining. */
    void letIn(long waitedNanos) {
        letIn.increment();
        waited.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, waitedNanos / 1_000)));
    }

    /** The waiting room's side of the run; null when nobody joined a queue. */
    RushQueueSummary queue() {
        long tickets = joined.sum();
        if (tickets == 0) {
            return null;
        }
        return new RushQueueSummary(
                tickets, letIn.sum(), count(QUEUE_SOLD_OUT), count(QUEUE_CLOSED), polls.sum(), summary(waited));
    }

    private void count(String userId, String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (ISSUED.equals(outcome)) {
            wins.merge(userId, 1, Integer::sum);
        }
        completed.incrementAndGet();
    }

    /** Answers by kind, most frequent first. */
    List<OutcomeCount> outcomes() {
        return outcomes.entrySet().stream()
                .map(e -> new OutcomeCount(e.getKey(), e.getValue().sum()))
                .sorted(Comparator.comparingLong(OutcomeCount::count).reversed().thenComparing(OutcomeCount::outcome))
                .toList();
    }

    /** Requests sent to a server that never answered (connection reset, timeout). */
    long lostInFlight() {
        return count(ERROR) + count(TIMEOUT);
    }

    long count(String outcome) {
        LongAdder adder = outcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    long issuedAnswers() {
        LongAdder issued = outcomes.get(ISSUED);
        return issued == null ? 0 : issued.sum();
    }

    /** Distinct users with at least one ISSUED answer. */
    long winners() {
        return wins.size();
    }

    /** Users with more than one ISSUED answer. */
    long duplicates() {
        return wins.values().stream().filter(n -> n > 1).count();
    }

    /** ISSUED answers beyond the limit (coupons promised that do not exist). */
    static long oversold(long issuedAnswers, int limit) {
        return Math.max(0, issuedAnswers - limit);
    }

    static double throughput(long completed, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : completed * 1_000_000_000.0 / elapsedNanos;
    }

    LatencySummary latency() {
        return summary(latency);
    }

    private static LatencySummary summary(ConcurrentHistogram histogram) {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(
                copy.getTotalCount(),
                millis(copy.getMean()),
                millis(copy.getValueAtPercentile(50)),
                millis(copy.getValueAtPercentile(95)),
                millis(copy.getValueAtPercentile(99)),
                millis(copy.getMaxValue()));
    }

    private static double millis(double micros) {
        return Math.round(micros) / 1000.0;
    }

    RushReport report(
            String rushId,
            long eventId,
            String strategy,
            RushState state,
            int limit,
            long elapsedNanos,
            Long persisted,
            Instant startedAt,
            Instant finishedAt) {
        return report(rushId, eventId, strategy, state, limit, elapsedNanos, persisted, startedAt, finishedAt, null);
    }

    /** The report with the crash columns ({@code crash} null: a run inside the server). */
    RushReport report(
            String rushId,
            long eventId,
            String strategy,
            RushState state,
            int limit,
            long elapsedNanos,
            Long persisted,
            Instant startedAt,
            Instant finishedAt,
            CrashReport crash) {
        long issued = issuedAnswers();
        long winners = winners();
        long done = completed.get();
        return new RushReport(
                rushId,
                eventId,
                strategy,
                state,
                limit,
                sent.get(),
                done,
                outcomes(),
                issued,
                winners,
                oversold(issued, limit),
                duplicates(),
                Math.round(throughput(done, elapsedNanos) * 10) / 10.0,
                latency(),
                persisted,
                persisted != null && persisted == winners,
                elapsedNanos / 1_000_000,
                startedAt,
                finishedAt,
                crash,
                queue());
    }
}
