package dev.firstcome.model;

/**
 * The answer to one apply. {@code rank} (1 = first) and {@code admissionId} are set only when the
 * outcome is {@link ApplyOutcome#ISSUED}.
 */
public record ApplyResult(ApplyOutcome outcome, long eventId, String userId, Long rank, Long admissionId) {

    public static ApplyResult refused(ApplyOutcome outcome, long eventId, String userId) {
        return new ApplyResult(outcome, eventId, userId, null, null);
    }
}
