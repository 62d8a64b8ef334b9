package dev.firstcome.backend.infra.web;

/** Published when the apply server listens: customers apply at {@code http://<host>:<port>/api/events/{id}/apply}. */
public record ApplyServerStarted(int port) {}
