package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.infra.web.Ids;
import dev.firstcome.backend.infra.web.InstantRange;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * The rules every event obeys, shared by the HTTP API and the console. Each failure names its field.
 */
final class EventRules {

    static final int MAX_NAME = 200;
    static final int MAX_QUANTITY = 100_000_000;
    static final String PRODUCTION_STRATEGY = AdmissionStrategy.LUA;
    /** Checked before trimming too: trim() would silently drop a trailing U+0000. */
    private static final String NAME_CHARACTERS =
            "name may not contain control characters or line breaks (such as U+0000, U+000A, U+2028 or U+2029) or"
                    + " lone surrogates";

    private EventRules() {}

    /** Validates a draft and returns the event it describes (id 0, ACTIVE). */
    static EventView fromDraft(EventDraft d, ZoneId defaultZone, Set<String> strategies, Instant now) {
        if (d == null) {
            throw new EventValidationException("body", "an event body is required");
        }
        if (d.name() != null && !isPrintable(d.name())) {
            throw new EventValidationException("name", NAME_CHARACTERS);
        }
        if (d.zoneId() != null && d.zoneId().isBlank()) {
            throw new EventValidationException(
                    "zoneId", "zoneId must be an IANA time zone such as Europe/Paris, or absent for the server's zone");
        }
        if (d.strategy() != null && d.strategy().isBlank()) {
            throw new EventValidationException(
                    "strategy", "strategy must be a strategy name, or absent for '" + PRODUCTION_STRATEGY + "'");
        }
        // taken as given (no trimming): "UTC\u0000" or " UTC" is not a zone, and is refused below
        String zone = d.zoneId() == null ? defaultZone.getId() : d.zoneId();
        String strategy = d.strategy() == null ? PRODUCTION_STRATEGY : d.strategy();
        if (d.totalQuantity() == null) {
            throw new EventValidationException("totalQuantity", "totalQuantity is required");
        }
        var view = new EventView(
                0,
                d.name() == null ? null : d.name().trim(),
                d.totalQuantity(),
                d.dailyQuantity(),
                d.dailyOpenTime(),
                d.dailyCloseTime(),
                d.startsAt(),
                d.endsAt(),
                zone,
                EventStatus.ACTIVE,
                d.isLab(),
                strategy,
                now,
                now,
                d.benefit(),
                d.validity(),
                d.vendorId(),
                WaitingRooms.fromDraft(d.waitingRoom()));
        validate(view, strategies);
        if (!view.endsAt().isAfter(now)) {
            throw new EventValidationException(
                    "endsAt", "endsAt must be in the future: an event that has already ended cannot be created");
        }
        return view;
    }

    /** Applies a partial edit to an event and validates the result. */
    static EventView merge(EventView e, EventChanges c) {
        if (c == null) {
            throw new EventValidationException("body", "a body with the fields to change is required");
        }
        if (c.name() != null && !isPrintable(c.name())) {
            throw new EventValidationException("name", NAME_CHARACTERS);
        }
        boolean clearDaily = Boolean.TRUE.equals(c.clearDailyQuantity());
        boolean clearWindow = Boolean.TRUE.equals(c.clearDailyWindow());
        if (clearDaily && c.dailyQuantity() != null) {
            throw new EventValidationException("dailyQuantity", "give dailyQuantity or clearDailyQuantity, not both");
        }
        var merged = new EventView(
                e.id(),
                c.name() != null ? c.name().trim() : e.name(),
                c.totalQuantity() != null ? c.totalQuantity() : e.totalQuantity(),
                clearDaily ? null : (c.dailyQuantity() != null ? c.dailyQuantity() : e.dailyQuantity()),
                clearWindow ? null : (c.dailyOpenTime() != null ? c.dailyOpenTime() : e.dailyOpenTime()),
                clearWindow ? null : (c.dailyCloseTime() != null ? c.dailyCloseTime() : e.dailyCloseTime()),
                c.startsAt() != null ? c.startsAt() : e.startsAt(),
                c.endsAt() != null ? c.endsAt() : e.endsAt(),
                e.zoneId(),
                e.status(),
                e.lab(),
                e.strategy(),
                e.createdAt(),
                e.updatedAt(),
                c.benefit() != null ? c.benefit() : e.benefit(),
                c.validity() != null ? c.validity() : e.validity(),
                Boolean.TRUE.equals(c.clearVendor()) ? null : (c.vendorId() != null ? c.vendorId() : e.vendorId()),
                WaitingRooms.merge(e.room(), c.waitingRoom()));
        if (Boolean.TRUE.equals(c.clearVendor()) && c.vendorId() != null) {
            throw new EventValidationException("vendorId", "give vendorId or clearVendor, not both");
        }
        validate(merged, null);
        return merged;
    }

    static void validate(EventView v, Set<String> strategies) {
        if (v.name() == null || v.name().isBlank()) {
            throw new EventValidationException("name", "name is required");
        }
        if (v.name().length() > MAX_NAME) {
            throw new EventValidationException("name", "name must be at most " + MAX_NAME + " characters");
        }
        if (!isPrintable(v.name())) {
            throw new EventValidationException("name", NAME_CHARACTERS);
        }
        if (v.totalQuantity() <= 0 || v.totalQuantity() > MAX_QUANTITY) {
            throw new EventValidationException(
                    "totalQuantity",
                    "totalQuantity must be between 1 and " + MAX_QUANTITY + ", got " + v.totalQuantity());
        }
        if (v.dailyQuantity() != null && (v.dailyQuantity() < 1 || v.dailyQuantity() > v.totalQuantity())) {
            throw new EventValidationException(
                    "dailyQuantity",
                    "dailyQuantity must be between 1 and totalQuantity (" + v.totalQuantity() + "), got "
                            + v.dailyQuantity());
        }
        if (v.dailyOpenTime() != null
                && v.dailyCloseTime() != null
                && v.dailyCloseTime().equals(v.dailyOpenTime())) {
            // a close before the open is an overnight window (22:00-02:00 ends the next day); equal is empty
            throw new EventValidationException(
                    "dailyCloseTime",
                    "dailyCloseTime must differ from dailyOpenTime (leave both out for the whole day; a close"
                            + " before the open ends the window the next day)");
        }
        if (v.startsAt() == null) {
            throw new EventValidationException("startsAt", "startsAt is required (ISO-8601 instant)");
        }
        if (v.endsAt() == null) {
            throw new EventValidationException("endsAt", "endsAt is required (ISO-8601 instant)");
        }
        if (!InstantRange.contains(v.startsAt())) {
            throw new EventValidationException("startsAt", InstantRange.rule("startsAt"));
        }
        if (!InstantRange.contains(v.endsAt())) {
            throw new EventValidationException("endsAt", InstantRange.rule("endsAt"));
        }
        if (!v.startsAt().isBefore(v.endsAt())) {
            throw new EventValidationException("endsAt", "endsAt must be after startsAt");
        }
        try {
            ZoneId.of(v.zoneId());
        } catch (DateTimeException e) {
            throw new EventValidationException(
                    "zoneId",
                    "zoneId must be an IANA time zone such as Europe/Paris, got '" + Ids.echo(v.zoneId()) + "'");
        }
        CouponTerms.validate(v.benefit(), v.validity(), v.vendorId());
        if (strategies != null) {
            if (!v.lab() && !PRODUCTION_STRATEGY.equals(v.strategy())) {
                throw new EventValidationException(
                        "strategy",
                        "only lab events may use an admission strategy other than '" + PRODUCTION_STRATEGY + "'");
            }
            if (!strategies.contains(v.strategy())) {
                throw new EventValidationException(
                        "strategy",
                        "unknown strategy '" + Ids.echo(v.strategy()) + "'; known: "
                                + new java.util.TreeSet<>(strategies));
            }
        }
    }

    /**
     * No ISO control character (U+0000..U+001F, U+007F..U+009F), no line or paragraph separator (U+2028,
     * U+2029: line breaks too, which JavaScript and many log readers honour) and no unpaired surrogate.
     */
    static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
