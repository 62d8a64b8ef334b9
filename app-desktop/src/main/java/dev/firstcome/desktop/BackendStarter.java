package dev.firstcome.desktop;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.model.ComponentStartup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Preloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the embedded backend (web server on) and reports its progress for the splash screen. */
public final class BackendStarter {

    private static final Logger log = LoggerFactory.getLogger(BackendStarter.class);
    static final int DEFAULT_PORT = 8080;

    /** A step of the start, for the splash screen. */
    public record Progress(double fraction, String message, List<String> phases)
            implements Preloader.PreloaderNotification {

        public Progress(double fraction, String message) {
            this(fraction, message, List.of());
        }
    }

    private BackendStarter() {}

    /**
     * Starts the backend. The HTTP port is {@code server.port} / {@code FIRSTCOME_HTTP_PORT} when given,
     * else 8080, or a free port when 8080 is taken.
     */
    public static ConfigurableApplicationContext start(String[] args, Consumer<Progress> progress) {
        StartupPhases phases = new StartupPhases(System::nanoTime);
        ProgressListener listener = new ProgressListener(progress, phases);
        var builder = new SpringApplicationBuilder(FirstComeApplication.class)
                .web(WebApplicationType.SERVLET)
                .listeners(listener)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("consoleSplashMigrations", new MigrationPhase(phases, listener)));
        if (!portConfigured(args) && !available(DEFAULT_PORT)) {
            log.info("Port {} is taken: the HTTP API will listen on a free port", DEFAULT_PORT);
            builder.properties("server.port=0");
        }
        return builder.run(args);
    }

    /** Flyway's migrate, timed for the splash (Spring Boot hands every Callback bean to Flyway). */
    private record MigrationPhase(StartupPhases phases, ProgressListener listener)
            implements org.flywaydb.core.api.callback.Callback {

        @Override
        public boolean supports(
                org.flywaydb.core.api.callback.Event event, org.flywaydb.core.api.callback.Context context) {
            return event == org.flywaydb.core.api.callback.Event.BEFORE_MIGRATE
                    || event == org.flywaydb.core.api.callback.Event.AFTER_MIGRATE
                    || event == org.flywaydb.core.api.callback.Event.AFTER_MIGRATE_ERROR;
        }

        @Override
        public boolean canHandleInTransaction(
                org.flywaydb.core.api.callback.Event event, org.flywaydb.core.api.callback.Context context) {
            return true;
        }

        @Override
        public void handle(org.flywaydb.core.api.callback.Event event, org.flywaydb.core.api.callback.Context context) {
            if (event == org.flywaydb.core.api.callback.Event.BEFORE_MIGRATE) {
                phases.start("migrations");
                listener.report("Migrating the database…");
            } else {
                phases.finish("migrations");
                listener.report("Database migrated");
            }
        }

        @Override
        public String getCallbackName() {
            return "console splash";
        }
    }

    static boolean portConfigured(String[] args) {
        return System.getProperty("server.port") != null
                || System.getenv("FIRSTCOME_HTTP_PORT") != null
                || System.getenv("SERVER_PORT") != null
                || Arrays.stream(args).anyMatch(arg -> arg.startsWith("--server.port="));
    }

    static boolean available(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record ProgressListener(Consumer<Progress> progress, StartupPhases phases)
            implements ApplicationListener<ApplicationEvent> {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            switch (event) {
                case org.springframework.context.PayloadApplicationEvent<?> e
                when e.getPayload() instanceof ComponentStartup startup -> {
                    String phase = StartupPhases.phaseOf(startup.component());
                    if (startup.up()) {
                        phases.done(phase, Duration.ofMillis(startup.millis()));
                        report(phase + " is up");
                    } else {
                        phases.start(phase);
                        report("Starting " + phase + "…");
                    }
                }
                case ApplicationStartingEvent e ->
                    report("Starting embedded Redis, Kafka and PostgreSQL (the first start takes longer)…");
                case ApplicationPreparedEvent e -> {
                    // external servers need no start: their phase is done at once
                    for (String server : List.of("Redis", "Kafka", "database")) {
                        if (phases.lines().contains("· " + server)) {
                            phases.done(server, Duration.ZERO);
                        }
                    }
                    phases.start("context");
                    report("Connecting to Redis, Kafka and the database…");
                }
                case WebServerInitializedEvent e ->
                    report("HTTP API listening on port " + e.getWebServer().getPort());
                case ApplicationStartedEvent e -> report("Starting the Kafka consumers…");
                case ApplicationReadyEvent e -> {
                    phases.finish("context");
                    phases.start("window");
                    report("Ready: opening the window…");
                }
                default -> {}
            }
        }

        void report(String message) {
            try {
                progress.accept(new Progress(phases.fraction(), message, phases.lines()));
            } catch (RuntimeException e) {
                log.debug("progress report failed", e);
            }
        }
    }
}
