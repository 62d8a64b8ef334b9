package dev.firstcome.backend.infra;

/**
 * A listener of this server is up: {@code name} says which ({@code apply}: customers apply at
 * {@code http://<host>:<port>/api/events/{id}/apply}). Published by the feature that owns the listener;
 * the infrastructure facade reports the addresses.
 */
public record ServerListening(String name, int port) {

    public static final String APPLY = "apply";
}
