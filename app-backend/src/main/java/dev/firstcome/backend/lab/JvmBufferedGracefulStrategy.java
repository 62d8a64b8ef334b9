package dev.firstcome.backend.lab;

import org.springframework.stereotype.Component;

/**
 * {@code jvm-buffered-graceful}: {@code jvm-buffered-flush} plus one last flush when the context
 * closes (after the web server stopped taking requests), so a SIGTERM (a deploy, a scale-in) loses
 * nothing. A SIGKILL, an OOM kill or a power cut still loses everything counted since the last flush,
 * and two servers still oversell.
 */
@Component
class JvmBufferedGracefulStrategy extends JvmBufferedStrategy {

    static final String NAME = "jvm-buffered-graceful";

    JvmBufferedGracefulStrategy(LabStockStore store, LabProperties properties) {
        super(NAME, store, properties.flushInterval());
    }

    @Override
    public void destroy() {
        stopFlushing();
        flush();
    }
}
