package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rush runner as a separate process (the load generator of {@code bench/}), on the same engine as
 * {@code POST /api/admin/rush}: creates one lab event per strategy through the admin API (or uses
 * {@code --event-id}), sends the rush over HTTP and prints one report line per run and the comparison
 * table. Applies go to {@code --apply-url} (the apply server) when given, else to {@code --base-url}.
 * Launch from the server jar:
 *
 * <pre>
 * java -Dloader.main=dev.firstcome.backend.rush.RushCli -cp app-backend/target/firstcome-server.jar \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --base-url=http://127.0.0.1:8080 [--apply-url=http://127.0.0.1:8081] --token=... --users=20000 --quantity=1000 --concurrency=64 \
 *   --strategies=lua,redis-set-scard,db-naive
 * </pre>
 *
 * Public only because a launcher must find its {@code main}; everything else stays package-private.
 */
public final class RushCli {

    /** A process of its own, without Spring: the system clock. */
    private static final Clock CLOCK = Clock.systemUTC();

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private RushCli() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String baseUrl = options.getOrDefault("base-url", "http://127.0.0.1:8080");
        String applyUrl = options.getOrDefault("apply-url", baseUrl);
        String token = options.getOrDefault("token", System.getenv().getOrDefault("FIRSTCOME_ADMIN_TOKEN", ""));
        int users = Integer.parseInt(options.getOrDefault("users", "20000"));
        int quantity = Integer.parseInt(options.getOrDefault("quantity", "1000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        double repeatShare = Double.parseDouble(options.getOrDefault("repeat-share", "0"));
        int bursts = Integer.parseInt(options.getOrDefault("bursts", "0"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "30")));
        String eventId = options.get("event-id");
        List<String> strategies = List.of(
                options.getOrDefault("strategies", AdmissionStrategy.LUA).split(","));

        List<RushReport> reports = new ArrayList<>();
        try (HttpClient client = RushEngine.newClient()) {
            RushEngine engine = new RushEngine(client);
            List<String> runs = eventId != null ? List.of(options.getOrDefault("strategies", "?")) : strategies;
            for (String strategy : runs) {
                long event = eventId != null
                        ? Long.parseLong(eventId)
                        : createLabEvent(client, baseUrl, token, strategy.trim(), quantity);
                String rushId = "cli" + Long.toString(System.currentTimeMillis(), 36);
                List<String> schedule = RushEngine.schedule(rushId + "-u", users, repeatShare, rushId.hashCode());
                RushTally tally = new RushTally(schedule.size());
                Instant started = CLOCK.instant();
                long elapsed = engine.run(
                        new RushEngine.Plan(applyUrl, event, schedule, concurrency, bursts, 0, timeout),
                        tally,
                        new Cancellation());
                RushReport report = tally.report(
                        rushId,
                        event,
                        strategy.trim(),
                        RushState.COMPLETED,
                        quantity,
                        elapsed,
                        null,
                        started,
                        CLOCK.instant());
                reports.add(report);
                System.out.println(line(report));
            }
        }
        System.out.println();
        System.out.println(table(users, quantity, concurrency, reports));
    }

    static String line(RushReport r) {
        return String.format(
                Locale.ROOT,
                "run strategy=%s event=%d requests=%d winners=%d oversold=%d duplicates=%d throughput=%.1f/s "
                        + "p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms outcomes=%s",
                r.strategy(),
                r.eventId(),
                r.completed(),
                r.winners(),
                r.oversold(),
                r.duplicates(),
                r.throughputPerSecond(),
                r.latency().p50Ms(),
                r.latency().p95Ms(),
                r.latency().p99Ms(),
                r.latency().maxMs(),
                r.outcomes());
    }

    /** The comparison table in Markdown, ready for docs/benchmarks.md. */
    static String table(int users, int quantity, int concurrency, List<RushReport> reports) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(Locale.ROOT, "%d users, %d coupons, concurrency %d%n%n", users, quantity, concurrency));
        out.append("| strategy | winners | oversold | duplicates | throughput (req/s) | p99 (ms) |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (RushReport r : reports) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %.0f | %.1f |%n",
                    r.strategy(),
                    r.winners(),
                    r.oversold(),
                    r.duplicates(),
                    r.throughputPerSecond(),
                    r.latency().p99Ms()));
        }
        return out.toString();
    }

    private static long createLabEvent(HttpClient client, String baseUrl, String token, String strategy, int quantity)
            throws IOException, InterruptedException {
        Instant now = CLOCK.instant();
        String body = String.format(
                Locale.ROOT,
                "{\"name\":\"bench %s\",\"totalQuantity\":%d,\"startsAt\":\"%s\",\"endsAt\":\"%s\",\"zoneId\":\"UTC\","
                        + "\"lab\":true,\"strategy\":\"%s\"}",
                strategy,
                quantity,
                now.minusSeconds(60),
                now.plus(Duration.ofDays(1)),
                strategy);
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/events"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ID.matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException(
                    "could not create a lab event: HTTP " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
        }
        return options;
    }
}
