package dev.firstcome.backend.lab;

import org.springframework.stereotype.Component;

/**
 * {@code jvm-buffered-flush}: count in memory, add the increment to the database every {@code
 * firstcome.lab.flush-interval}, nothing more (see {@link JvmBufferedStrategy}). Shows oversell across
 * servers (each decides against a counter that is up to one interval old) and lost counts on a crash:
 * whatever was counted since the last flush dies with the process, on SIGKILL and on SIGTERM alike,
 * while the clients hold their ISSUED answers.
 */
@Component
class JvmBufferedFlushStrategy extends JvmBufferedStrategy {

    static final String NAME = "jvm-buffered-flush";

    JvmBufferedFlushStrategy(LabStockStore store, LabProperties properties) {
        super(NAME, store, properties.flushInterval());
    }
}
