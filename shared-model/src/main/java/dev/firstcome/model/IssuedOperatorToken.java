package dev.firstcome.model;

/** A token just created: the only time its secret value is shown. */
public record IssuedOperatorToken(OperatorTokenView token, String secret) {}
