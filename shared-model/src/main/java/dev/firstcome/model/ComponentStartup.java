package dev.firstcome.model;

/**
 * An embedded server starting ({@code millis} -1) or up after {@code millis}: redis, kafka, database.
 * Published to the application's listeners while the servers start (the console's splash shows it).
 */
public record ComponentStartup(String component, long millis) {

    public boolean up() {
        return millis >= 0;
    }
}
