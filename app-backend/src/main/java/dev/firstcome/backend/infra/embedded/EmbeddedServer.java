package dev.firstcome.backend.infra.embedded;

/** A real server FirstCome started itself because no external address was configured. */
interface EmbeddedServer extends AutoCloseable {

    /** Component name: redis, kafka or database. */
    String component();

    /** Where clients connect, e.g. {@code redis://127.0.0.1:41234}. */
    String address();

    @Override
    void close();
}
