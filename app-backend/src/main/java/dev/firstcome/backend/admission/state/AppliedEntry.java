package dev.firstcome.backend.admission.state;

import dev.firstcome.model.CouponAdmitted;
import java.time.Instant;
import java.time.LocalDate;

/** The value stored per user in the applied hash: {@code admissionId:rank:yyyy-MM-dd:admittedAtMillis}. */
final class AppliedEntry {

    private AppliedEntry() {}

    static String format(CouponAdmitted a) {
        return a.admissionId() + ":" + a.rank() + ":" + a.day() + ":"
                + a.admittedAt().toEpochMilli();
    }

    static CouponAdmitted parse(long eventId, String userId, String value) {
        String[] parts = value.split(":");
        return new CouponAdmitted(
                eventId,
                userId,
                Long.parseLong(parts[1]),
                Long.parseLong(parts[0]),
                LocalDate.parse(parts[2]),
                Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }
}
