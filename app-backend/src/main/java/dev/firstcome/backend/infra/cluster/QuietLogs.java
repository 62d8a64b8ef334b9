package dev.firstcome.backend.infra.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The launcher's own JVMs (brokers, ./cluster) log at INFO for FirstCome and WARN for the rest (logback's default is DEBUG). */
final class QuietLogs {

    private QuietLogs() {}

    static void apply() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("dev.firstcome")).setLevel(Level.INFO);
        }
    }
}
