package dev.firstcome.backend.monitor;

/**
 * Heal needs the issuance pipeline drained (consumer and dead-letter lag 0) and it did not drain
 * within the wait: HTTP 409, retry later.
 */
public class PipelineNotDrainedException extends RuntimeException {

    private final long backlog;

    public PipelineNotDrainedException(long eventId, long backlog) {
        super("The issuance pipeline still has " + backlog + " record(s) to persist; heal of event " + eventId
                + " needs it drained. Retry shortly.");
        this.backlog = backlog;
    }

    public long backlog() {
        return backlog;
    }
}
