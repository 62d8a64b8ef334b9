package dev.firstcome.backend.infra.embedded;

import java.util.Map;

/** A real server FirstCome started itself because no external address was configured. */
interface EmbeddedServer extends AutoCloseable {

    /** Component name: redis, kafka or database. */
    String component();

    /** Where clients connect, e.g. {@code redis://127.0.0.1:41234}: shown and logged, so never with a password. */
    String address();

    /** The Spring Boot properties that point the application's clients at this server, credentials included. */
    Map<String, String> springProperties();

    @Override
    void close();
}
