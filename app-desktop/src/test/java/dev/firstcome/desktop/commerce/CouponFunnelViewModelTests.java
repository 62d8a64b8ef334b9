package dev.firstcome.desktop.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.commerce.CouponFunnelViewModel.Bucket;
import dev.firstcome.desktop.commerce.CouponFunnelViewModel.Funnel;
import dev.firstcome.desktop.commerce.CouponFunnelViewModel.TimeAxis;
import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeMonitorApi;
import dev.firstcome.desktop.testing.FakeRedemptionApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.RedemptionBucket;
import dev.firstcome.model.RedemptionTimeline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CouponFunnelViewModelTests {

    private static final Instant TEN = Instant.parse("2026-06-01T10:00:00Z");

    private final FakeEventApi events = new FakeEventApi();
    private final FakeRedemptionApi redemption = new FakeRedemptionApi();
    private final FakeMonitorApi monitor = new FakeMonitorApi();
    private final CouponFunnelViewModel model =
            new CouponFunnelViewModel(events, redemption, monitor, new InlineUiExecutor(), ZoneId.of("UTC"));

    private EventView event(String name, boolean lab, CouponBenefit benefit, CouponValidity validity, Long vendor) {
        return events.create(new EventDraft(
                name,
                5000,
                null,
                null,
                null,
                TEN,
                TEN.plusSeconds(86_400),
                "Asia/Seoul",
                lab,
                null,
                benefit,
                validity,
                vendor));
    }

    @Test
    void offersProductionEventsNewestFirstAndShowsTheFirstOnesFunnelWithItsShares() {
        event("Spring sale", false, null, null, null);
        event("Rehearsal", true, null, null, null);
        EventView launch =
                event("Launch day", false, CouponBenefit.percent(10, 1500L, 5000), new CouponValidity(null, 30), 3L);
        redemption.setFunnel(launch.id(), 2600, 2100, 300);

        model.refresh();

        assertThat(model.choices()).extracting(EventView::name).containsExactly("Launch day", "Spring sale");
        assertThat(model.eventProperty().get().id()).isEqualTo(launch.id());
        Funnel funnel = model.funnelProperty().get();
        assertThat(funnel).isEqualTo(new Funnel(5000, 2100, 300, 2600));
        assertThat(CouponFunnelViewModel.percent(funnel.share(funnel.redeemed())))
                .isEqualTo("42.0 %");
        assertThat(CouponFunnelViewModel.percent(funnel.share(funnel.expired())))
                .isEqualTo("6.0 %");
        assertThat(model.termsProperty().get())
                .isEqualTo(
                        "Coupons issued now: 10 % off (at most 1,500) on orders from 5,000 · valid 30 days after issue"
                                + " · funded by vendor #3");
    }

    @Test
    void theTimelineIsShownWithItsUnitAxisAndBusiestBucket() {
        EventView launch = event("Launch day", false, CouponBenefit.fixed(500, 0), null, null);
        redemption.setTimeline(new RedemptionTimeline(
                launch.id(),
                60,
                TEN,
                TEN.plusSeconds(180),
                List.of(
                        new RedemptionBucket(TEN, 3, 0, 0),
                        new RedemptionBucket(TEN.plusSeconds(60), 42, 1, 0),
                        new RedemptionBucket(TEN.plusSeconds(120), 7, 0, 2))));

        model.refresh();

        assertThat(model.buckets()).hasSize(3);
        assertThat(model.rateUnitProperty().get()).isEqualTo("per minute");
        assertThat(model.peakProperty().get()).isEqualTo("Busiest: 42 redeemed per minute at 10:01");
        assertThat(model.axisProperty().get())
                .isEqualTo(new TimeAxis(TEN.getEpochSecond(), TEN.getEpochSecond() + 180, 60));
        assertThat(model.time(TEN.getEpochSecond() + 120)).isEqualTo("10:02");
        assertThat(model.termsProperty().get()).isEqualTo("Coupons issued now: 500 off · never expires · no vendor");
    }

    @Test
    void aChosenBucketIsAskedOfTheServer() {
        EventView launch = event("Launch day", false, null, null, null);
        model.refresh();

        model.bucketProperty().set(Bucket.HOUR);

        assertThat(redemption.calls).contains("timeline " + launch.id() + " null", "timeline " + launch.id() + " PT1H");
        assertThat(model.peakProperty().get()).isEqualTo("No coupon issued yet");
        assertThat(model.termsProperty().get())
                .isEqualTo("Coupons issued now: no benefit (not redeemable) · never expires · no vendor");
    }

    @Test
    void theIssuanceConsumersLagIsShownAndAnUnknownOneSaysSo() {
        event("Launch day", false, null, null, null);
        monitor.setPipeline(pipeline(new GroupLag("fc-issuance", "issuance", "admitted", 12)));
        model.refresh();
        assertThat(model.issuanceLagProperty().get()).isEqualTo("lag 12 records");

        monitor.setPipeline(pipeline(new GroupLag("fc-issuance", "issuance", "admitted", -1)));
        model.refreshFigures();
        assertThat(model.issuanceLagProperty().get()).isEqualTo("lag unknown");
    }

    @Test
    void theAxisHasRoundTicksAndTheUnitsReadAsWords() {
        assertThat(CouponFunnelViewModel.axis(TEN, TEN.plusSeconds(7200), 60))
                .isEqualTo(new TimeAxis(TEN.getEpochSecond(), TEN.getEpochSecond() + 7200, 900));
        assertThat(CouponFunnelViewModel.axis(TEN, TEN.plusSeconds(5 * 86_400), 3600)
                        .tick())
                .isEqualTo(12 * 3600);
        // ticks on round times: 10:00:10 .. 10:02:20 in 10 s buckets is shown from 10:00:00 to 10:02:30
        assertThat(CouponFunnelViewModel.axis(TEN.plusSeconds(10), TEN.plusSeconds(140), 10))
                .isEqualTo(new TimeAxis(TEN.getEpochSecond(), TEN.getEpochSecond() + 150, 30));
        assertThat(CouponFunnelViewModel.unit(10)).isEqualTo("10 s");
        assertThat(CouponFunnelViewModel.unit(300)).isEqualTo("5 min");
        assertThat(CouponFunnelViewModel.unit(3600)).isEqualTo("hour");
        assertThat(CouponFunnelViewModel.unit(3 * 3600)).isEqualTo("3 h");
        assertThat(CouponFunnelViewModel.unit(7 * 86_400)).isEqualTo("7 days");
        assertThat(new Funnel(0, 0, 0, 0).share(0)).isZero();
        assertThat(CouponFunnelViewModel.terms(events.create(new EventDraft(
                        "Until",
                        1,
                        null,
                        null,
                        null,
                        TEN,
                        TEN.plusSeconds(60),
                        "Asia/Seoul",
                        false,
                        null,
                        CouponBenefit.fixed(1000, 0),
                        new CouponValidity(LocalDate.of(2026, 6, 30), null),
                        null))))
                .isEqualTo("Coupons issued now: 1,000 off · valid until 2026-06-30 (Asia/Seoul) · no vendor");
    }

    private static PipelineStatus pipeline(GroupLag group) {
        return new PipelineStatus("g", "t", 0, 0, 0, LagStatus.OK, List.of(), List.of(group), 0);
    }
}
