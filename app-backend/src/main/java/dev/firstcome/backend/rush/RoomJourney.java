package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.model.QueueStatus;
import dev.firstcome.model.QueueTicket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One virtual user's way through an event's waiting room, as the customer page does it: join the queue
 * ({@code POST {queueUrl}/api/events/{id}/queue}), poll the ticket after each answer's {@code
 * pollAfterMillis}, and once the turn came apply ({@code POST {applyUrl}/api/events/{id}/apply}) with the
 * ticket's entry token in the {@code Entry-Token} header. A queue answer of 503 or no answer at all is
 * asked again after a second (what a real client does); a ticket turned away (SOLD_OUT, CLOSED) ends the
 * journey without an apply. Every HTTP request holds one of the run's {@code inFlight} permits, so the
 * concurrency bounds requests, not the users waiting in the queue.
 */
final class RoomJourney {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** The advised poll interval, bounded on our side: never hammer, never sleep through the turn. */
    private static final long MIN_POLL_MILLIS = 100;

    private static final long MAX_POLL_MILLIS = 30_000;
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Queue answers of 503 or no answer in a row before the user gives up (the server is gone). */
    private static final int MAX_FAILURES = 30;

    private final HttpClient client;
    private final Function<String, String> credentials;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final Cancellation cancellation;
    private final RushTally tally;

    RoomJourney(
            HttpClient client,
            Function<String, String> credentials,
            Semaphore inFlight,
            Duration timeout,
            Cancellation cancellation,
            RushTally tally) {
        this.client = client;
        this.credentials = credentials;
        this.inFlight = inFlight;
        this.timeout = timeout;
        this.cancellation = cancellation;
        this.tally = tally;
    }

    /** The whole journey of {@code user}; counts exactly one outcome in the tally. */
    void run(String queueUrl, String applyUrl, long eventId, String user) {
        try {
            String base = strip(queueUrl) + "/api/events/" + eventId + "/queue";
            long joinedAt = System.nanoTime();
            Answer answer = queueCall(post(URI.create(base), user, null), user);
            if (answer.outcome() != null) {
                tally.unanswered(user, answer.outcome());
                return;
            }
            tally.joined();
            QueueTicket ticket = answer.ticket();
            while (ticket.status() == QueueStatus.PREQUEUE || ticket.status() == QueueStatus.WAITING) {
                long pause = Math.clamp(ticket.pollAfterMillis(), MIN_POLL_MILLIS, MAX_POLL_MILLIS);
                if (cancellation.await(Duration.ofMillis(pause))) {
                    tally.unanswered(user, RushTally.CANCELLED);
                    return;
                }
                answer = queueCall(get(URI.create(base + "/" + ticket.ticketId()), user), user);
                if (answer.outcome() != null) {
                    tally.unanswered(user, answer.outcome());
                    return;
                }
                tally.polled();
                ticket = answer.ticket();
            }
            switch (ticket.status()) {
                case YOUR_TURN -> {
                    tally.letIn(System.nanoTime() - joinedAt);
                    apply(URI.create(strip(applyUrl) + "/api/events/" + eventId + "/apply"), user, ticket);
                }
                case SOLD_OUT -> tally.unanswered(user, RushTally.QUEUE_SOLD_OUT);
                default -> tally.unanswered(user, RushTally.QUEUE_CLOSED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.unanswered(user, RushTally.ERROR);
        }
    }

    private void apply(URI uri, String user, QueueTicket ticket) throws InterruptedException {
        HttpRequest request = post(uri, user, ticket.entryToken());
        inFlight.acquire();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            tally.answered(
                    user, RushEngine.classify(response.statusCode(), response.body()), System.nanoTime() - start);
        } catch (HttpTimeoutException e) {
            tally.unanswered(user, RushTally.TIMEOUT);
        } catch (ConnectException e) {
            tally.unanswered(user, RushTally.UNREACHABLE);
        } catch (IOException e) {
            tally.unanswered(user, RushTally.ERROR);
        } finally {
            inFlight.release();
        }
    }

    /** A queue answer: the ticket (200), or the outcome that ends the journey. */
    private record Answer(QueueTicket ticket, String outcome) {}

    private Answer queueCall(HttpRequest request, String user) throws InterruptedException {
        for (int failures = 0; ; failures++) {
            String outcome;
            inFlight.acquire();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    return new Answer(JSON.readValue(response.body(), QueueTicket.class), null);
                }
                if (response.statusCode() != 503) {
                    return new Answer(null, "QUEUE_HTTP_" + response.statusCode());
                }
                outcome = RushTally.UNAVAILABLE;
            } catch (HttpTimeoutException e) {
                outcome = RushTally.TIMEOUT;
            } catch (ConnectException e) {
                outcome = RushTally.UNREACHABLE;
            } catch (IOException e) {
                outcome = RushTally.ERROR;
            } catch (JacksonException e) {
                return new Answer(null, RushTally.ERROR);
            } finally {
                inFlight.release();
            }
            if (failures + 1 >= MAX_FAILURES) {
                return new Answer(null, outcome);
            }
            if (cancellation.await(RETRY)) {
                return new Answer(null, RushTally.CANCELLED);
            }
        }
    }

    private HttpRequest post(URI uri, String user, String entryToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"));
        if (entryToken != null) {
            builder.header(EntryGate.HEADER, entryToken);
        }
        return authorized(builder, user).build();
    }

    private HttpRequest get(URI uri, String user) {
        return authorized(HttpRequest.newBuilder(uri).timeout(timeout).GET(), user)
                .build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder, String user) {
        String authorization = credentials.apply(user);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
