package dev.firstcome.desktop.commerce;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.backend.redemption.RedemptionApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.BenefitType;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.RedemptionBucket;
import dev.firstcome.model.RedemptionTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One event's coupons after the win: the funnel (issued, redeemed, expired, not used yet, each with its
 * share of the issued), its coupon terms, and redeemed / released / expired per bucket of time over the
 * event's life (the bucket chosen by the server, or per minute, hour or day).
 */
public final class CouponFunnelViewModel {

    /** The bucket asked of the server: automatic (at most 120 buckets) or a fixed length. */
    public enum Bucket {
        AUTO("Automatic", null),
        MINUTE("Per minute", Duration.ofMinutes(1)),
        HOUR("Per hour", Duration.ofHours(1)),
        DAY("Per day", Duration.ofDays(1));

        private final String title;
        private final Duration length;

        Bucket(String title, Duration length) {
            this.title = title;
            this.length = length;
        }

        public String title() {
            return title;
        }

        /** Null for automatic. */
        public Duration length() {
            return length;
        }
    }

    /** The event's coupons per status: {@code open} are still ISSUED (neither redeemed nor expired). */
    public record Funnel(long issued, long redeemed, long expired, long open) {

        static final Funnel EMPTY = new Funnel(0, 0, 0, 0);

        static Funnel of(Map<CouponStatus, Long> counts) {
            long open = counts.getOrDefault(CouponStatus.ISSUED, 0L);
            long redeemed = counts.getOrDefault(CouponStatus.REDEEMED, 0L);
            long expired = counts.getOrDefault(CouponStatus.EXPIRED, 0L);
            return new Funnel(open + redeemed + expired, redeemed, expired, open);
        }

        /** {@code part} of the issued, 0..1 (0 when nothing was issued). */
        public double share(long part) {
            return issued == 0 ? 0 : (double) part / issued;
        }
    }

    /** The chart's time axis: epoch seconds from {@code lower} to {@code upper}, a tick every {@code tick}. */
    public record TimeAxis(long lower, long upper, long tick) {}

    private static final long[] TICKS = {
        10,
        30,
        60,
        300,
        600,
        900,
        1800,
        3600,
        3 * 3600,
        6 * 3600,
        12 * 3600,
        86_400,
        2 * 86_400,
        7 * 86_400,
        14 * 86_400,
        28 * 86_400
    };

    private final EventApi events;
    private final RedemptionApi redemption;
    private final MonitorApi monitor;
    private final UiExecutor executor;
    private final ZoneId zone;
    private final ObservableList<EventView> choices = FXCollections.observableArrayList();
    private final ObservableList<EventView> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ObjectProperty<EventView> event = new SimpleObjectProperty<>();
    private final ObjectProperty<Bucket> bucket = new SimpleObjectProperty<>(Bucket.AUTO);
    private final ReadOnlyObjectWrapper<Funnel> funnel = new ReadOnlyObjectWrapper<>(Funnel.EMPTY);
    private final ObservableList<RedemptionBucket> buckets = FXCollections.observableArrayList();
    private final ObservableList<RedemptionBucket> bucketsView = FXCollections.unmodifiableObservableList(buckets);
    private final ReadOnlyObjectWrapper<TimeAxis> axis = new ReadOnlyObjectWrapper<>(new TimeAxis(0, 60, 10));
    private final ReadOnlyStringWrapper rateUnit = new ReadOnlyStringWrapper("per 10 s");
    private final ReadOnlyStringWrapper peak = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper terms = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper issuanceLag = new ReadOnlyStringWrapper("");
    private long bucketSeconds = 10;

    public CouponFunnelViewModel(
            EventApi events, RedemptionApi redemption, MonitorApi monitor, UiExecutor executor, ZoneId zone) {
        this.events = events;
        this.redemption = redemption;
        this.monitor = monitor;
        this.executor = executor;
        this.zone = zone;
        event.addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                funnel.set(Funnel.EMPTY);
                buckets.clear();
                peak.set("");
            }
            terms.set(now == null ? "" : terms(now));
            refreshFigures();
        });
        bucket.addListener((o, was, now) -> refreshFigures());
    }

    /** Production events (not the lab's), newest first. */
    public ObservableList<EventView> choices() {
        return choicesView;
    }

    public ObjectProperty<EventView> eventProperty() {
        return event;
    }

    public ObjectProperty<Bucket> bucketProperty() {
        return bucket;
    }

    public ReadOnlyObjectProperty<Funnel> funnelProperty() {
        return funnel.getReadOnlyProperty();
    }

    /** The timeline's buckets, oldest first. */
    public ObservableList<RedemptionBucket> buckets() {
        return bucketsView;
    }

    public ReadOnlyObjectProperty<TimeAxis> axisProperty() {
        return axis.getReadOnlyProperty();
    }

    /** The chart's unit: "per minute", "per 10 s", "per hour", ... */
    public ReadOnlyStringProperty rateUnitProperty() {
        return rateUnit.getReadOnlyProperty();
    }

    /** The busiest bucket: "Busiest: 42 redeemed per minute at 06-01 10:05". */
    public ReadOnlyStringProperty peakProperty() {
        return peak.getReadOnlyProperty();
    }

    /** The selected event's coupon terms in words. */
    public ReadOnlyStringProperty termsProperty() {
        return terms.getReadOnlyProperty();
    }

    /**
     * The issuance consumer's lag: the funnel counts persisted coupons (each coupon's status row is written with
     * it), so coupons won but not persisted yet are the records that consumer has still to read.
     */
    public ReadOnlyStringProperty issuanceLagProperty() {
        return issuanceLag.getReadOnlyProperty();
    }

    /** The zone the chart's times are shown in (the console's). */
    public ZoneId zoneId() {
        return zone;
    }

    /** The length of the timeline's buckets, in seconds. */
    public long bucketSeconds() {
        return bucketSeconds;
    }

    /** Reloads the events, then the selected one's figures. */
    public void refresh() {
        executor.submit(
                "Loading events",
                () -> events.list(false).stream()
                        .sorted(Comparator.comparing(EventView::id).reversed())
                        .toList(),
                this::showChoices);
    }

    /** Reads the selected event's funnel and timeline, and the issuance consumer's lag. */
    public void refreshFigures() {
        EventView current = event.get();
        if (current == null) {
            return;
        }
        long id = current.id();
        Duration length = bucket.get() == null ? null : bucket.get().length();
        executor.submit("Reading the coupons of event " + id, () -> redemption.funnel(id), counts -> {
            if (isShown(id)) {
                funnel.set(Funnel.of(counts));
            }
        });
        executor.submit("Reading the redemptions of event " + id, () -> redemption.timeline(id, length), timeline -> {
            if (isShown(id)) {
                showTimeline(timeline);
            }
        });
        executor.submit(
                "Reading the consumer lag",
                () -> monitor.pipeline().groups(),
                groups -> issuanceLag.set(lag(groups, "issuance")));
    }

    private boolean isShown(long id) {
        return event.get() != null && event.get().id() == id;
    }

    /** Shows the events; the figures are read again (by the change of event, or here when it stayed). */
    private void showChoices(List<EventView> loaded) {
        EventView current = event.get();
        if (!choices.equals(loaded)) {
            choices.setAll(loaded);
        }
        EventView next = current == null
                ? loaded.stream().findFirst().orElse(null)
                : loaded.stream()
                        .filter(e -> e.id() == current.id())
                        .findFirst()
                        .orElse(current);
        if (next != null && !next.equals(current)) {
            event.set(next);
        } else {
            refreshFigures();
        }
    }

    private void showTimeline(RedemptionTimeline timeline) {
        bucketSeconds = timeline.bucketSeconds();
        rateUnit.set("per " + unit(bucketSeconds));
        if (!buckets.equals(timeline.buckets())) {
            buckets.setAll(timeline.buckets());
        }
        if (timeline.from() == null) {
            axis.set(new TimeAxis(0, bucketSeconds * 6, bucketSeconds));
            peak.set("No coupon issued yet");
            return;
        }
        axis.set(axis(timeline.from(), timeline.to(), bucketSeconds));
        RedemptionBucket busiest = timeline.buckets().stream()
                .max(Comparator.comparingLong(RedemptionBucket::redeemed))
                .orElse(null);
        peak.set(
                busiest == null || busiest.redeemed() == 0
                        ? "No coupon redeemed yet"
                        : "Busiest: " + count(busiest.redeemed()) + " redeemed " + rateUnit.get() + " at "
                                + time(busiest.start().getEpochSecond()));
    }

    /** The axis over [from, to] with at most about 10 ticks of a round length, on round times (UTC). */
    static TimeAxis axis(Instant from, Instant to, long bucketSeconds) {
        long first = from.getEpochSecond();
        long last = Math.max(to.getEpochSecond(), first + bucketSeconds);
        long span = last - first;
        long tick = TICKS[TICKS.length - 1];
        for (long candidate : TICKS) {
            if (candidate >= bucketSeconds && span / candidate <= 10) {
                tick = candidate;
                break;
            }
        }
        long lower = Math.floorDiv(first, tick) * tick;
        long upper = -Math.floorDiv(-last, tick) * tick;
        return new TimeAxis(lower, upper, tick);
    }

    /** A tick's label in the console's zone: "10:05" within a day, "06-01 10:05" across days, "06-01" per day. */
    public String time(Number epochSeconds) {
        TimeAxis current = axis.get();
        boolean days = bucketSeconds >= 86_400;
        boolean acrossDays = current.upper() - current.lower() > 86_400;
        String pattern = days ? "MM-dd" : acrossDays ? "MM-dd HH:mm" : bucketSeconds < 60 ? "HH:mm:ss" : "HH:mm";
        return DateTimeFormatter.ofPattern(pattern)
                .withZone(zone)
                .format(Instant.ofEpochSecond(epochSeconds.longValue()));
    }

    /** "10 s", "minute", "5 min", "hour", "3 h", "day", "7 days". */
    static String unit(long seconds) {
        if (seconds == 60) {
            return "minute";
        }
        if (seconds == 3600) {
            return "hour";
        }
        if (seconds == 86_400) {
            return "day";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " days";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** "lag 0 records", "lag unknown" (Kafka did not answer), "" when the group is not listed. */
    static String lag(List<GroupLag> groups, String role) {
        return groups.stream()
                .filter(g -> g.role().equals(role))
                .findFirst()
                .map(g -> g.known() ? "lag " + count(g.lag()) + (g.lag() == 1 ? " record" : " records") : "lag unknown")
                .orElse("");
    }

    /** "10 % off (at most 1,500) on orders from 5,000 · valid 30 days after issue · vendor #3". */
    static String terms(EventView event) {
        CouponBenefit benefit = event.benefit();
        String worth;
        if (benefit == null) {
            worth = "no benefit (not redeemable)";
        } else if (benefit.type() == BenefitType.FIXED) {
            worth = count(benefit.amountOff()) + " off";
        } else {
            worth = benefit.percentOff() + " % off"
                    + (benefit.maxDiscount() == null ? "" : " (at most " + count(benefit.maxDiscount()) + ")");
        }
        if (benefit != null && benefit.minimum() > 0) {
            worth += " on orders from " + count(benefit.minimum());
        }
        CouponValidity validity = event.validity();
        String valid = validity == null
                ? "never expires"
                : validity.until() != null
                        ? "valid until " + validity.until() + " (" + event.zoneId() + ")"
                        : "valid " + validity.daysAfterIssue() + " days after issue";
        String vendor = event.vendorId() == null ? "no vendor" : "funded by vendor #" + event.vendorId();
        return "Coupons issued now: " + worth + " · " + valid + " · " + vendor;
    }

    /** "75.0 %". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
