package dev.firstcome.backend.infra.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customers in a rush, as real clients behave: each applies once and retries a 503 or a connection error
 * on any server (a random apply server of the cluster, or HAProxy's apply port) until it gets another
 * answer or gives up. Every answer of every user is kept, in order.
 */
final class ChaosClients implements AutoCloseable {

    /** One answer: HTTP status (0: connection error) and the body. */
    record Answer(int status, String body) {

        boolean refusal() {
            return status == 409;
        }

        boolean alreadyApplied() {
            return status == 409 && body.contains("ALREADY_APPLIED");
        }
    }

    private final List<String> applyUrls;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ExecutorService users = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** (nanoTime, status) of every answer, for the unavailability window after a fault. */
    private final java.util.Queue<long[]> timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();

    ChaosClients(List<String> applyUrls) {
        this.applyUrls = List.copyOf(applyUrls);
    }

    /** Starts {@code count} users ({@code prefix-0...}), at most {@code concurrency} in flight, returning at once. */
    List<java.util.concurrent.Future<?>> rush(long eventId, String prefix, int count, int concurrency) {
        var permits = new Semaphore(concurrency);
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < count; i++) {
            String user = prefix + "-" + i;
            futures.add(users.submit(() -> {
                permits.acquireUninterruptibly();
                try {
                    applyUntilAnswered(eventId, user);
                } finally {
                    permits.release();
                }
            }));
        }
        return futures;
    }

    private void applyUntilAnswered(long eventId, String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        var mine = answers.computeIfAbsent(user, u -> java.util.Collections.synchronizedList(new ArrayList<>()));
        while (System.nanoTime() < deadline && !stopping.get()) {
            String base = applyUrls.get(ThreadLocalRandom.current().nextInt(applyUrls.size()));
            Answer answer = send(base, eventId, user);
            mine.add(answer);
            timeline.add(new long[] {System.nanoTime(), answer.status()});
            if (answer.status() == 201) {
                issued.incrementAndGet();
            }
            if (answer.status() != 503 && answer.status() != 0 && answer.status() != 502) {
                return;
            }
            unavailable.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(50).toNanos());
        }
    }

    private Answer send(String base, long eventId, String user) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/events/" + eventId + "/apply"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    /**
     * From the first answer other than 201/409 after {@code faultNanos} to the first 201 after it, in
     * milliseconds; -1 when no answer failed after the fault, or no 201 came after the first failure.
     */
    long unavailableMillis(long faultNanos) {
        var sorted = timeline.stream()
                .filter(t -> t[0] >= faultNanos)
                .sorted(java.util.Comparator.comparingLong(t -> t[0]))
                .toList();
        Long firstFailure = null;
        for (long[] t : sorted) {
            if (firstFailure == null && t[1] != 201 && t[1] != 409) {
                firstFailure = t[0];
            } else if (firstFailure != null && t[1] == 201) {
                return (t[0] - firstFailure) / 1_000_000;
            }
        }
        return -1;
    }

    int issued() {
        return issued.get();
    }

    int unavailable() {
        return unavailable.get();
    }

    Map<String, List<Answer>> answers() {
        return answers;
    }

    @Override
    public void close() {
        stopping.set(true);
        users.shutdownNow();
    }
}
