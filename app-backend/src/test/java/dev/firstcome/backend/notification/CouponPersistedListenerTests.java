package dev.firstcome.backend.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.CouponPersisted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The coupon notices' claim-then-send: a coupon delivered twice is noticed once, and a send that fails, with
 * an exception or with an Error, gives back its claim and every later one of the batch, so the redelivered
 * batch notices them (a claim no send followed would be a notice lost for good). The database and SMTP
 * side is {@code NotificationMailIntegrationTests}.
 */
class CouponPersistedListenerTests {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    final Set<String> claimed = new HashSet<>();
    final List<String> sent = new ArrayList<>();
    Throwable nextFailure;

    final NotificationSender sender = new NotificationSender() {
        @Override
        public void send(CouponPersisted coupon) {
            if (nextFailure instanceof RuntimeException e) {
                nextFailure = null;
                throw e;
            }
            if (nextFailure instanceof Error e) {
                nextFailure = null;
                throw e;
            }
            sent.add(coupon.userId());
        }

        @Override
        public void send(OrderNotice notice) {}
    };

    final CouponPersistedListener listener = new CouponPersistedListener(
            issuance(),
            new StaticListableBeanFactory(Map.of("sender", sender)).getBeanProvider(NotificationSender.class));

    @Test
    void aCouponDeliveredTwiceIsNoticedOnceAndAnUnreadableRecordIsSkipped() {
        List<CouponPersisted> batch = new ArrayList<>();
        batch.add(coupon("u1"));
        batch.add(null);
        batch.add(coupon("u2"));
        listener.onCoupons(batch);
        listener.onCoupons(List.of(coupon("u2"), coupon("u1"), coupon("u3")));

        assertThat(sent).containsExactly("u1", "u2", "u3");
    }

    @Test
    void aFailedSendGivesBackItsClaimAndTheLaterOnesAndTheRedeliveryNoticesThem() {
        assertRedeliveredAfter(new IllegalStateException("SMTP down"));
    }

    @Test
    void anErrorInTheSenderGivesTheClaimsBackToo() {
        assertRedeliveredAfter(new StackOverflowError("template recursion"));
    }

    private void assertRedeliveredAfter(Throwable failure) {
        listener.onCoupons(List.of(coupon("u1")));
        List<CouponPersisted> batch = List.of(coupon("u1"), coupon("u2"), coupon("u3"));
        nextFailure = failure;

        assertThatThrownBy(() -> listener.onCoupons(batch)).isSameAs(failure);
        assertThat(claimed).as("u2's and u3's claims given back").containsOnly("1 u1");

        listener.onCoupons(batch);
        assertThat(sent).containsExactly("u1", "u2", "u3");
        assertThat(claimed).containsOnly("1 u1", "1 u2", "1 u3");
    }

    private IssuanceApi issuance() {
        IssuanceApi issuance = mock(IssuanceApi.class);
        given(issuance.claimNotifications(anyList())).willAnswer(call -> {
            List<CouponPersisted> coupons = call.getArgument(0);
            return coupons.stream()
                    .filter(c -> claimed.add(c.eventId() + " " + c.userId()))
                    .toList();
        });
        willAnswer(call -> claimed.remove(call.getArgument(0) + " " + call.getArgument(1)))
                .given(issuance)
                .releaseNotification(anyLong(), anyString());
        return issuance;
    }

    private static CouponPersisted coupon(String user) {
        return new CouponPersisted(1, user, 1, 1, T0);
    }
}
