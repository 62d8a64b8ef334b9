package dev.firstcome.model;

/**
 * A crash during a lab rush whose strategy runs in worker JVMs: {@code kind} {@code none}, {@code
 * SIGTERM} (a clean stop: the context closes) or {@code SIGKILL} (no goodbye), sent to worker {@code
 * worker} (1-based; default 1) once {@code at} (0..1, default 0.5) of the rush's requests were sent;
 * {@code restart}: start the worker again (on the same data directory) at once.
 */
public record RushFault(String kind, Double at, Boolean restart, Integer worker) {

    public static final String NONE = "none";
    public static final String SIGTERM = "SIGTERM";
    public static final String SIGKILL = "SIGKILL";

    public static RushFault none() {
        return new RushFault(NONE, null, false, null);
    }

    public static RushFault of(String kind, double at, boolean restart, int worker) {
        return new RushFault(kind, at, restart, worker);
    }

    /** True when something is done to a worker. */
    public boolean active() {
        return kind != null && !NONE.equalsIgnoreCase(kind);
    }

    /** "SIGKILL worker 1 at 50 %, restarted", or "none". */
    public String describe() {
        if (!active()) {
            return NONE;
        }
        return kind.toUpperCase(java.util.Locale.ROOT) + " worker " + (worker == null ? 1 : worker) + " at "
                + Math.round((at == null ? 0.5 : at) * 100) + " %"
                + (Boolean.TRUE.equals(restart) ? ", restarted" : "");
    }
}
