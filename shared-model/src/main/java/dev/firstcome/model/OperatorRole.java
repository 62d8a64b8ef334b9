package dev.firstcome.model;

/**
 * What an operator token may do. Each role includes the ones below it: VIEWER reads (events, stats,
 * pipeline, failed coupons, audit, metrics, API docs); OPERATOR also changes events, pauses, closes,
 * reissues, heals and runs rushes; ADMIN also manages operator tokens and settings.
 */
public enum OperatorRole {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** True when this role may do what {@code required} may do. */
    public boolean includes(OperatorRole required) {
        return ordinal() >= required.ordinal();
    }
}
