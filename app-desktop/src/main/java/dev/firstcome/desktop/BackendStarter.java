package dev.firstcome.desktop;

import dev.firstcome.backend.FirstComeApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.application.Preloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
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
    public record Progress(double fraction, String message) implements Preloader.PreloaderNotification {}

    private BackendStarter() {}

    /**
     * Starts the backend. The HTTP port is {@code server.port} / {@code FIRSTCOME_HTTP_PORT} when given,
     * else 8080, or a free port when 8080 is taken.
     */
    public static ConfigurableApplicationContext start(String[] args, Consumer<Progress> progress) {
        var builder = new SpringApplicationBuilder(FirstComeApplication.class)
                .web(WebApplicationType.SERVLET)
                .listeners(new ProgressListener(progress));
        if (!portConfigured(args) && !available(DEFAULT_PORT)) {
            log.info("Port {} is taken: the HTTP API will listen on a free port", DEFAULT_PORT);
            builder.properties("server.port=0");
        }
        return builder.run(args);
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

    private record ProgressListener(Consumer<Progress> progress) implements ApplicationListener<ApplicationEvent> {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            switch (event) {
                case ApplicationStartingEvent e ->
                    report(0.05, "Starting embedded Redis, Kafka and PostgreSQL (the first start takes longer)…");
                case ApplicationEnvironmentPreparedEvent e -> report(0.45, "Servers up: creating the backend…");
                case ApplicationContextInitializedEvent e -> report(0.5, "Loading the backend's configuration…");
                case ApplicationPreparedEvent e -> report(0.55, "Connecting to Redis, Kafka and the database…");
                case WebServerInitializedEvent e ->
                    report(
                            0.85,
                            "HTTP API listening on port " + e.getWebServer().getPort());
                case ApplicationStartedEvent e -> report(0.95, "Starting the Kafka consumers…");
                case ApplicationReadyEvent e -> report(1.0, "Ready");
                default -> {}
            }
        }

        private void report(double fraction, String message) {
            try {
                progress.accept(new Progress(fraction, message));
            } catch (RuntimeException e) {
                log.debug("progress report failed", e);
            }
        }
    }
}
