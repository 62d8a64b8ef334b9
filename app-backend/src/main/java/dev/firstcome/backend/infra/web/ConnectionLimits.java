package dev.firstcome.backend.infra.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How many connections each port may hold, sized from the process's file descriptor limit so that clients can
 * never take the descriptors the server itself needs: the embedded broker's log segments, Redis, the database
 * pool, the Kafka clients, class files. The JVM raises its soft limit to the hard limit at start (HotSpot's
 * {@code MaxFDLimit}, on by default); of that limit a quarter (at least 1,024, or half of a smaller limit) is
 * the reserve no client can take, two thirds of the rest go to the apply server (the customer-facing port,
 * where a flood lands; at most half of the limit) and one third to the main port.
 *
 * @param descriptorLimit the process's open-files limit as read at start
 * @param reserve descriptors no client connection can take
 * @param mainMax connections the main port holds at most
 * @param applyMax connections the apply server holds at most
 */
public record ConnectionLimits(
        long descriptorLimit,
        long reserve,
        int mainMax,
        int applyMax,
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration keepAliveTimeout) {

    /** Assumed when {@code /proc/self/limits} cannot be read (not Linux). */
    static final long UNKNOWN_LIMIT = 10_240;

    public static ConnectionLimits of(HttpLimitsProperties settings, long descriptorLimit) {
        long reserve = Math.max(descriptorLimit / 4, Math.min(1_024, descriptorLimit / 2));
        long forClients = Math.max(0, descriptorLimit - reserve);
        int applyMax = settings.applyMaxConnections() > 0
                ? settings.applyMaxConnections()
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, forClients * 2 / 3));
        int mainMax = settings.maxConnections() > 0
                ? settings.maxConnections()
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, forClients - forClients * 2 / 3));
        return new ConnectionLimits(
                descriptorLimit,
                reserve,
                mainMax,
                applyMax,
                settings.headerTimeout(),
                settings.bodyTimeout(),
                settings.keepAliveTimeout());
    }

    /** The soft "Max open files" of this process ({@code /proc/self/limits}), after the JVM raised it. */
    static long processDescriptorLimit() {
        return descriptorLimit(Path.of("/proc/self/limits"));
    }

    static long descriptorLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String soft =
                            line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? Integer.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return UNKNOWN_LIMIT;
        }
        return UNKNOWN_LIMIT;
    }
}
