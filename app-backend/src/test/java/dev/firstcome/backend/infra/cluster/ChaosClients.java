package dev.firstcome.backend.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * The longest time after {@code faultNanos} during which no user was answered 201 although some were
     * refused for unavailability (503, 502 or a connection error), up to the last 201, in milliseconds: how
     * long the event was unavailable to everyone, where {@link #unavailableMillis} counts from the first
     * failure even while other clients are still admitted. -1: no failure after the fault.
     */
    long longestOutageMillis(long faultNanos) {
        var sorted = timeline.stream()
                .filter(t -> t[0] >= faultNanos)
                .sorted(java.util.Comparator.comparingLong(t -> t[0]))
                .toList();
        long longest = -1;
        Long firstFailure = null;
        for (long[] t : sorted) {
            if (t[1] == 201) {
                if (firstFailure != null) {
                    longest = Math.max(longest, (t[0] - firstFailure) / 1_000_000);
                    firstFailure = null;
                }
            } else if (firstFailure == null && t[1] != 409) {
                firstFailure = t[0];
            }
        }
        return longest;
    }

    /** Answers after {@code faultNanos} that were not a decision, by status (0: connection error). */
    java.util.SortedMap<Integer, Long> failuresAfter(long faultNanos) {
        return timeline.stream()
                .filter(t -> t[0] >= faultNanos && t[1] != 201 && t[1] != 409)
                .collect(java.util.stream.Collectors.groupingBy(
                        t -> (int) t[1], java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    int issued() {
        return issued.get();
    }

    /** Answers 201 given after {@code nanos} ({@link System#nanoTime()}). */
    long issuedAfter(long nanos) {
        return timeline.stream().filter(t -> t[0] >= nanos && t[1] == 201).count();
    }

    /** Users who gave up: their last answer was still a 503, a 502 or a connection error. */
    List<String> unanswered() {
        return answers.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .filter(e -> {
                    int last = e.getValue().getLast().status();
                    return last == 503 || last == 502 || last == 0;
                })
                .map(Map.Entry::getKey)
                .toList();
    }

    int unavailable() {
        return unavailable.get();
    }

    Map<String, List<Answer>> answers() {
        return answers;
    }

    /** Users answered 201 at least once. */
    List<String> winners() {
        return answers.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(a -> a.status() == 201))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Users whose last answer was a refusal other than ALREADY_APPLIED. */
    List<String> refused() {
        return answers.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .filter(e -> e.getValue().getLast().refusal()
                        && !e.getValue().getLast().alreadyApplied())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The promises on the event's coupon rows ({@code user -> rows}, read once every winner's row is
     * there): never more than the quantity, every winner exactly one, no refused user one, nobody two.
     */
    void assertPromisesHold(Map<String, Integer> rows, int quantity) {
        assertThat(rows.values().stream().mapToInt(Integer::intValue).sum())
                .as("coupon rows")
                .isLessThanOrEqualTo(quantity);
        assertThat(rows)
                .as("nobody holds two coupons")
                .allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
        assertThat(rows.keySet()).as("every winner holds a coupon").containsAll(winners());
        List<String> refused = refused();
        assertThat(rows.keySet().stream().filter(refused::contains).toList())
                .as("refused users hold no coupon")
                .isEmpty();
        assertThat(winners()).as("the rush admitted someone").isNotEmpty();
    }

    @Override
    public void close() {
        stopping.set(true);
        users.shutdownNow();
    }
}
