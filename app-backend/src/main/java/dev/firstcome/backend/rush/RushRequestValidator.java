package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.infra.web.Ids;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks rush and warm-up requests against the configured bounds and resolves them to a {@link
 * RushTarget}; a bad field is an {@link InvalidRushRequestException} naming it, an unknown event an
 * {@link EventNotFoundException}.
 */
@Component
class RushRequestValidator {

    private static final int MAX_STRATEGIES = 16;
    /** Worker JVMs a lab rush may start (each is a whole server). */
    static final int MAX_WORKERS = 2;
    /** An event's largest quantity (the event rules' limit): a rush's lab events get no more. */
    private static final int MAX_QUANTITY = 100_000_000;
    /** The event rules' bounds of a waiting room (see the event module's {@code WaitingRooms}). */
    private static final int MAX_OUTFLOW = 100_000;

    private static final int MIN_ENTRY_TOKEN_SECONDS = 10;
    private static final int MAX_ENTRY_TOKEN_SECONDS = 24 * 60 * 60;

    private final ObjectProvider<EventApi> events;
    private final InfrastructureApi infrastructure;
    private final ObjectProvider<AdmissionStrategy> strategyBeans;
    private final FirstComeProperties.Rush settings;

    RushRequestValidator(
            ObjectProvider<EventApi> events,
            InfrastructureApi infrastructure,
            ObjectProvider<AdmissionStrategy> strategyBeans,
            FirstComeProperties properties) {
        this.events = events;
        this.infrastructure = infrastructure;
        this.strategyBeans = strategyBeans;
        this.settings = properties.rush();
    }

    /** The strategies a request may name: {@code lua} and every {@link AdmissionStrategy} bean. */
    Set<String> strategies() {
        Set<String> names = new TreeSet<>();
        names.add(AdmissionStrategy.LUA);
        strategyBeans.orderedStream().forEach(s -> names.add(s.name()));
        return names;
    }

    /** Where virtual users join an event's waiting room: this server's main port (the apply server serves applies only). */
    String queueUrl() {
        return infrastructure.httpApiUrl();
    }

    /** The users of a warm-up: {@code users}, or the configured default when 0 or less. */
    int warmupUsers(int users) {
        int count = users > 0 ? users : settings.warmupUsers();
        if (count > settings.maxUsers()) {
            throw new InvalidRushRequestException("users", "users must be at most " + settings.maxUsers());
        }
        return count;
    }

    Instant warmupRunAt(Instant runAt) {
        if (runAt == null) {
            throw new InvalidRushRequestException("runAt", "runAt is required");
        }
        return runAt;
    }

    RushTarget validate(RushRequest request) {
        if (request == null) {
            throw new InvalidRushRequestException("body", "a rush request body is required");
        }
        if (request.users() <= 0 || request.users() > settings.maxUsers()) {
            throw new InvalidRushRequestException("users", "users must be between 1 and " + settings.maxUsers());
        }
        int concurrency = request.concurrency() == null ? settings.defaultConcurrency() : request.concurrency();
        if (concurrency < 1 || concurrency > settings.maxConcurrency()) {
            throw new InvalidRushRequestException(
                    "concurrency", "concurrency must be between 1 and " + settings.maxConcurrency());
        }
        double repeatShare = request.repeatShare() == null ? 0 : request.repeatShare();
        if (!(repeatShare >= 0 && repeatShare <= 1)) {
            throw new InvalidRushRequestException("repeatShare", "repeatShare must be between 0 and 1");
        }
        int bursts = request.bursts() == null ? 0 : request.bursts();
        if (bursts < 0 || bursts > 1000 || bursts > request.users()) {
            throw new InvalidRushRequestException("bursts", "bursts must be between 0 and min(1000, users)");
        }
        int burstPause = request.burstPauseMillis() == null ? 0 : request.burstPauseMillis();
        if (burstPause < 0 || burstPause > 60_000) {
            throw new InvalidRushRequestException("burstPauseMillis", "burstPauseMillis must be between 0 and 60000");
        }
        String baseUrl = baseUrl(request.baseUrl());
        if (request.eventId() != null) {
            if (!request.strategies().isEmpty()) {
                throw new InvalidRushRequestException(
                        "strategies",
                        "strategies must be empty when eventId is given: the event's own strategy is used");
            }
            if ((request.workers() != null && request.workers() != 0)
                    || (request.fault() != null && request.fault().active())) {
                throw new InvalidRushRequestException(
                        "workers", "workers and faults need fresh lab events: leave out eventId");
            }
            EventView event =
                    eventApi().find(request.eventId()).orElseThrow(() -> new EventNotFoundException(request.eventId()));
            if (!event.lab()) {
                throw new InvalidRushRequestException(
                        "eventId", "event " + event.id() + " is not a lab event: rushes only run on lab events");
            }
            if (request.room() != null) {
                throw new InvalidRushRequestException(
                        "room", "leave out room with eventId: the rush goes through the event's own waiting room");
            }
            if (event.room().on()) {
                throughRoom(bursts);
            }
            return new RushTarget(
                    List.of(event.strategy() == null ? AdmissionStrategy.LUA : event.strategy()),
                    event.id(),
                    null,
                    null,
                    request.users(),
                    concurrency,
                    repeatShare,
                    bursts,
                    burstPause,
                    baseUrl);
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
            throw new InvalidRushRequestException(
                    "quantity", "quantity must be between 1 and " + MAX_QUANTITY + " when no eventId is given");
        }
        if (request.dailyQuantity() != null
                && (request.dailyQuantity() < 1 || request.dailyQuantity() > request.quantity())) {
            throw new InvalidRushRequestException(
                    "dailyQuantity", "dailyQuantity must be between 1 and quantity when given");
        }
        List<String> strategies =
                request.strategies().isEmpty() ? List.of(AdmissionStrategy.LUA) : request.strategies();
        if (strategies.size() > MAX_STRATEGIES) {
            throw new InvalidRushRequestException("strategies", "at most " + MAX_STRATEGIES + " strategies per rush");
        }
        Set<String> known = strategies();
        for (String name : strategies) {
            if (name == null || !known.contains(name)) {
                throw new InvalidRushRequestException(
                        "strategies", "unknown strategy '" + Ids.echo(name) + "'; known: " + String.join(", ", known));
            }
        }
        int workers = request.workers() == null ? 0 : request.workers();
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new InvalidRushRequestException(
                    "workers", "workers must be 0 (inside this server), 1 or " + MAX_WORKERS);
        }
        if (workers > 0 && request.baseUrl() != null) {
            throw new InvalidRushRequestException(
                    "baseUrl", "baseUrl must be left out with workers: the rush sends to its worker JVMs");
        }
        WaitingRoom room = room(request.room());
        if (room != null) {
            throughRoom(bursts);
            if (workers > 0) {
                throw new InvalidRushRequestException(
                        "workers", "a rush through a waiting room runs inside this server: leave workers at 0");
            }
        }
        return new RushTarget(
                strategies,
                null,
                request.quantity(),
                request.dailyQuantity(),
                request.users(),
                concurrency,
                repeatShare,
                bursts,
                burstPause,
                baseUrl,
                workers,
                fault(request.fault(), workers),
                room);
    }

    /** The lab events' waiting room, checked; null when none (absent or mode OFF). */
    private static WaitingRoom room(WaitingRoom given) {
        if (given == null || given.mode() == null || given.mode() == WaitingRoomMode.OFF) {
            return null;
        }
        int outflow =
                given.outflowPerSecond() == null ? WaitingRoom.DEFAULT_OUTFLOW_PER_SECOND : given.outflowPerSecond();
        if (outflow < 1 || outflow > MAX_OUTFLOW) {
            throw new InvalidRushRequestException(
                    "room.outflowPerSecond", "room.outflowPerSecond must be between 1 and " + MAX_OUTFLOW);
        }
        int tokenSeconds =
                given.entryTokenSeconds() == null ? WaitingRoom.DEFAULT_ENTRY_TOKEN_SECONDS : given.entryTokenSeconds();
        if (tokenSeconds < MIN_ENTRY_TOKEN_SECONDS || tokenSeconds > MAX_ENTRY_TOKEN_SECONDS) {
            throw new InvalidRushRequestException(
                    "room.entryTokenSeconds",
                    "room.entryTokenSeconds must be between " + MIN_ENTRY_TOKEN_SECONDS + " and "
                            + MAX_ENTRY_TOKEN_SECONDS);
        }
        // the lab event's pre-queue opens a minute before its opening (see RushLabEvents)
        return WaitingRoom.of(given.mode(), 1, outflow, tokenSeconds);
    }

    /** Virtual users in a waiting room arrive once and wait their turn: no bursts. */
    private static void throughRoom(int bursts) {
        if (bursts > 1) {
            throw new InvalidRushRequestException(
                    "bursts", "bursts must be 0 or 1 through a waiting room: the room's outflow paces the applies");
        }
    }

    /** The fault, checked against the workers; {@link RushFault#none()} when absent. */
    private static RushFault fault(RushFault fault, int workers) {
        if (fault == null || fault.kind() == null || RushFault.NONE.equalsIgnoreCase(fault.kind())) {
            return RushFault.none();
        }
        String kind;
        if (RushFault.SIGTERM.equalsIgnoreCase(fault.kind())) {
            kind = RushFault.SIGTERM;
        } else if (RushFault.SIGKILL.equalsIgnoreCase(fault.kind())) {
            kind = RushFault.SIGKILL;
        } else {
            throw new InvalidRushRequestException(
                    "fault.kind", "fault.kind must be none, SIGTERM or SIGKILL, not '" + Ids.echo(fault.kind()) + "'");
        }
        if (workers == 0) {
            throw new InvalidRushRequestException(
                    "workers", "a fault needs the strategy in worker JVMs: set workers to 1 or " + MAX_WORKERS);
        }
        double at = fault.at() == null ? 0.5 : fault.at();
        if (!(at >= 0 && at < 1)) {
            throw new InvalidRushRequestException(
                    "fault.at", "fault.at must be at least 0 and below 1 (a share of the rush)");
        }
        int worker = fault.worker() == null ? 1 : fault.worker();
        if (worker < 1 || worker > workers) {
            throw new InvalidRushRequestException(
                    "fault.worker", "fault.worker must be between 1 and workers (" + workers + ")");
        }
        return new RushFault(kind, at, Boolean.TRUE.equals(fault.restart()), worker);
    }

    /**
     * Where the rush sends: this server's own HTTP API or apply server, and nowhere else (a rush is a
     * load generator; it must not be pointed at someone else's server). The host is a loopback
     * address, {@code localhost}, an address of this machine or its host name; the port is the main
     * port or the apply server's; no path, query, fragment or user info.
     */
    private String baseUrl(String given) {
        String own = infrastructure.applyApiUrl();
        if (given == null) {
            if (own == null || own.isBlank()) {
                throw new InvalidRushRequestException(
                        "baseUrl", "this server does not serve HTTP (yet): give the baseUrl of a FirstCome server");
            }
            return own;
        }
        Set<Integer> ports = new TreeSet<>();
        portOf(infrastructure.httpApiUrl()).ifPresent(ports::add);
        portOf(own).ifPresent(ports::add);
        URI uri;
        try {
            uri = URI.create(given.trim());
        } catch (IllegalArgumentException e) {
            throw notOwnUrl(ports);
        }
        boolean plain = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()));
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        if (!plain || !ports.contains(port) || !isThisMachine(uri.getHost())) {
            throw notOwnUrl(ports);
        }
        return given.trim();
    }

    private static InvalidRushRequestException notOwnUrl(Set<Integer> ports) {
        return new InvalidRushRequestException(
                "baseUrl",
                "baseUrl must be this server's own HTTP API or apply server, e.g. http://127.0.0.1:"
                        + (ports.isEmpty() ? "8081" : ports.iterator().next())
                        + " (host: loopback, localhost or this machine; port: one of " + ports
                        + "; no path), or absent for the apply server");
    }

    private static Optional<Integer> portOf(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        int port = URI.create(url).getPort();
        return port > 0 ? Optional.of(port) : Optional.empty();
    }

    /** A loopback or local address literal, {@code localhost}, or this machine's name; never resolves other names. */
    static boolean isThisMachine(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(name)) {
            return true;
        }
        try {
            InetAddress address = InetAddress.ofLiteral(name);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (IllegalArgumentException notALiteral) {
            try {
                return name.equalsIgnoreCase(InetAddress.getLocalHost().getHostName());
            } catch (UnknownHostException e) {
                return false;
            }
        } catch (SocketException e) {
            return false;
        }
    }

    private EventApi eventApi() {
        EventApi api = events.getIfAvailable();
        if (api == null) {
            throw new IllegalStateException("no EventApi in this context: rushes need events");
        }
        return api;
    }
}
