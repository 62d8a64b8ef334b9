package dev.firstcome.model;

/** A token to create: a name that says whose it is, and its role. */
public record OperatorTokenDraft(String name, OperatorRole role) {}
