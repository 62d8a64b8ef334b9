package dev.firstcome.backend.rush;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one rush run over real HTTP: {@code POST {baseUrl}/api/events/{id}/apply} with body {@code
 * {"userId":"..."}}, one virtual thread per request, at most {@code concurrency} in flight, and
 * records every answer in a {@link RushTally}; or, with a {@code queueUrl}, each user's whole way
 * through the event's waiting room first ({@link RoomJourney}). No Spring: the command-line runner uses
 * it too.
 */
final class RushEngine {

    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient client;
    private final Function<String, String> credentials;

    RushEngine(HttpClient client) {
        this(client, user -> null);
    }

    /** {@code credentials}: the Authorization header each virtual user sends (null: none). */
    RushEngine(HttpClient client, Function<String, String> credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * What to send. {@code users} is the whole schedule (repeats included), in sending order. {@code
     * targets}: where each request goes (worker JVMs); null: always {@code baseUrl}. {@code queueUrl}: the
     * server whose waiting room every user goes through first ({@link RoomJourney}); null: straight to the
     * apply path.
     */
    record Plan(
            String baseUrl,
            long eventId,
            List<String> users,
            int concurrency,
            int bursts,
            int burstPauseMillis,
            Duration requestTimeout,
            Targets targets,
            String queueUrl) {

        Plan(
                String baseUrl,
                long eventId,
                List<String> users,
                int concurrency,
                int bursts,
                int burstPauseMillis,
                Duration requestTimeout,
                Targets targets) {
            this(baseUrl, eventId, users, concurrency, bursts, burstPauseMillis, requestTimeout, targets, null);
        }

        Plan(
                String baseUrl,
                long eventId,
                List<String> users,
                int concurrency,
                int bursts,
                int burstPauseMillis,
                Duration requestTimeout) {
            this(baseUrl, eventId, users, concurrency, bursts, burstPauseMillis, requestTimeout, null);
        }
    }

    /** Picks the server of each request (a balancer in front of worker JVMs). */
    interface Targets {

        /** The base URL for the {@code index}-th request (0-based, in sending order); null: no server can take it. */
        String pick(long index) throws InterruptedException;
    }

    /**
     * The users to send for: {@code users} distinct ids {@code <prefix>-<n>}, plus {@code repeatShare
     * * users} repeated ones, shuffled (seeded: the same request gives the same order).
     */
    static List<String> schedule(String prefix, int users, double repeatShare, long seed) {
        Random random = new Random(seed);
        int repeats = (int) Math.round(users * repeatShare);
        List<String> schedule = new ArrayList<>(users + repeats);
        for (int i = 0; i < users; i++) {
            schedule.add(prefix + "-" + i);
        }
        for (int i = 0; i < repeats; i++) {
            schedule.add(prefix + "-" + random.nextInt(users));
        }
        Collections.shuffle(schedule, random);
        return schedule;
    }

    /** Sends the plan; returns the elapsed nanoseconds. Stops sending as soon as {@code cancellation} is set. */
    long run(Plan plan, RushTally tally, Cancellation cancellation) throws InterruptedException {
        if (plan.queueUrl() != null) {
            return throughRoom(plan, tally, cancellation);
        }
        URI fixed = plan.targets() == null ? uri(plan.baseUrl(), plan.eventId()) : null;
        int waves = Math.max(1, plan.bursts());
        int perWave = (plan.users().size() + waves - 1) / waves;
        Semaphore inFlight = new Semaphore(plan.concurrency());
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int wave = 0; wave < waves && !cancellation.cancelled(); wave++) {
                int from = wave * perWave;
                int to = Math.min(plan.users().size(), from + perWave);
                for (int i = from; i < to && !cancellation.cancelled(); i++) {
                    String user = plan.users().get(i);
                    URI uri;
                    if (fixed != null) {
                        uri = fixed;
                    } else {
                        String base = plan.targets().pick(i);
                        if (base == null) {
                            tally.sent();
                            tally.unanswered(user, RushTally.UNREACHABLE);
                            continue;
                        }
                        uri = uri(base, plan.eventId());
                    }
                    inFlight.acquire();
                    tally.sent();
                    executor.execute(() -> {
                        try {
                            send(uri, user, plan.requestTimeout(), tally);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                if (waves > 1 && wave < waves - 1) {
                    inFlight.acquire(plan.concurrency()); // the wave is over
                    inFlight.release(plan.concurrency());
                    cancellation.await(Duration.ofMillis(plan.burstPauseMillis())); // cut short by a cancel
                }
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * Every user arrives at once and goes its own way through the waiting room (one virtual thread each,
     * mostly asleep between polls); {@code concurrency} bounds the requests in flight.
     */
    private long throughRoom(Plan plan, RushTally tally, Cancellation cancellation) throws InterruptedException {
        Semaphore inFlight = new Semaphore(plan.concurrency());
        RoomJourney journey =
                new RoomJourney(client, credentials, inFlight, plan.requestTimeout(), cancellation, tally);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String user : plan.users()) {
                if (cancellation.cancelled()) {
                    break;
                }
                tally.sent();
                executor.execute(() -> journey.run(plan.queueUrl(), plan.baseUrl(), plan.eventId(), user));
            }
        }
        return System.nanoTime() - start;
    }

    private void send(URI uri, String user, Duration timeout, RushTally tally) {
        var builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"));
        String authorization = credentials.apply(user);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            tally.answered(user, classify(response.statusCode(), response.body()), System.nanoTime() - start);
        } catch (HttpTimeoutException e) {
            tally.unanswered(user, RushTally.TIMEOUT);
        } catch (ConnectException e) {
            tally.unanswered(user, RushTally.UNREACHABLE);
        } catch (IOException e) {
            tally.unanswered(user, RushTally.ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.unanswered(user, RushTally.ERROR);
        }
    }

    /** 201 = ISSUED; 409 = the body's {@code outcome}; 503 = UNAVAILABLE; anything else HTTP_<status>. */
    static String classify(int status, String body) {
        if (status == 201) {
            return RushTally.ISSUED;
        }
        if (status == 503) {
            return RushTally.UNAVAILABLE;
        }
        if (status == 409 || status == 200) {
            Matcher matcher = OUTCOME.matcher(body == null ? "" : body);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "HTTP_" + status;
    }

    private static URI uri(String baseUrl, long eventId) {
        return URI.create(stripSlash(baseUrl) + "/api/events/" + eventId + "/apply");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
