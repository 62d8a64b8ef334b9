package dev.firstcome.backend.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.backend.order.OrderStepReached;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notices through a real SMTP server (GreenMail, in this JVM): every persisted coupon gives exactly one mail,
 * and redelivered CouponPersisted records send none twice; every step an order reaches in the checkout flow
 * gives its customer one mail (the failure with its reason), and redelivered step events send none twice.
 */
@SpringBootTest(
        properties = {
            "firstcome.namespace=notify-it",
            "firstcome.issuance.scheduled-reissue=false",
            "spring.mail.host=127.0.0.1"
        })
class NotificationMailIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FirstComeNames names;

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    Admin admin;

    @Autowired
    OrderApi orders;

    private DefaultKafkaProducerFactory<String, Object> producerFactory;
    private KafkaTemplate<String, Object> kafka;

    @BeforeEach
    void createProducer() {
        producerFactory = new DefaultKafkaProducerFactory<>(
                new HashMap<>(kafkaProperties.buildProducerProperties()),
                new StringSerializer(),
                new JacksonJsonSerializer<>().noTypeInfo());
        kafka = new KafkaTemplate<>(producerFactory);
    }

    @AfterEach
    void closeProducer() {
        producerFactory.destroy();
    }

    @Test
    void everyPersistedCouponGivesOneMailAndRedeliverySendsNoneTwice() throws Exception {
        long eventId = ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<CouponAdmitted> admitted = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            admitted.add(new CouponAdmitted(
                    eventId,
                    "winner" + i + "-" + eventId + "@example.com",
                    i,
                    i,
                    LocalDate.ofInstant(now, ZoneOffset.UTC),
                    now));
        }

        send(names.admittedTopic(), admitted);

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsFor(eventId).size() == 20);
        assertThat(mailsFor(eventId))
                .containsExactlyInAnyOrderElementsOf(
                        admitted.stream().map(CouponAdmitted::userId).toList());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND notified_at IS NOT NULL",
                        Long.class,
                        eventId))
                .isEqualTo(20);

        // the same notices again, twice, and the same admissions again
        List<CouponPersisted> persisted = admitted.stream()
                .map(a -> new CouponPersisted(a.eventId(), a.userId(), a.rank(), a.admissionId(), now))
                .toList();
        send(names.notificationsTopic(), persisted);
        send(names.notificationsTopic(), persisted);
        send(names.admittedTopic(), admitted);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> lag(names.notificationsGroup(), names.notificationsTopic()) == 0
                        && lag(names.consumerGroup(), names.admittedTopic()) == 0);

        assertThat(mailsFor(eventId)).hasSize(20);
    }

    @Test
    void eachStepOfAnOrderGivesItsCustomerOneMailAndRedeliverySendsNoneTwice() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String sku = "notice-" + run;
        orders.setStock(sku, 2, 1_500);
        String shipper = "ship-" + run + "@example.com";
        String unlucky = "late-" + run + "@example.com";
        OrderView shipped = orders.place(shipper, List.of(new OrderItem(sku, 2)), null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orders.find(shipped.id(), null).state() == OrderState.SHIPPED);
        OrderView failed = orders.place(unlucky, List.of(new OrderItem(sku, 1)), null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orders.find(failed.id(), null).state() == OrderState.FAILED);

        // no coupon on the order: its COUPON_REDEEMED step passes without a notice
        List<String> flow = List.of("received", "items reserved", "paid", "shipped");
        await().atMost(Duration.ofSeconds(60)).until(() -> subjectsTo(shipper).size() == flow.size());
        assertThat(subjectsTo(shipper))
                .containsExactlyElementsOf(flow.stream()
                        .map(s -> "Your order " + shipped.id() + ": " + s)
                        .toList());
        assertThat(bodiesTo(shipper).getLast()).contains("Amount: 3000");
        await().atMost(Duration.ofSeconds(60)).until(() -> subjectsTo(unlucky).size() == 2);
        assertThat(subjectsTo(unlucky))
                .containsExactly(
                        "Your order " + failed.id() + ": received",
                        "Your order " + failed.id() + ": could not be completed");
        assertThat(bodiesTo(unlucky).getLast()).contains("Reason: OUT_OF_STOCK: " + sku);

        // every step event of both orders delivered again, twice
        List<OrderStepReached> steps = new ArrayList<>();
        for (OrderView order : List.of(orders.find(shipped.id(), null), orders.find(failed.id(), null))) {
            order.history()
                    .forEach(step -> steps.add(
                            new OrderStepReached(order.id(), step.state().name(), names.ordersTopic())));
        }
        send(names.ordersTopic(), steps);
        send(names.ordersTopic(), steps);
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> lag(names.ordersGroup("notifications"), names.ordersTopic()) == 0);

        assertThat(subjectsTo(shipper)).hasSize(flow.size());
        assertThat(subjectsTo(unlucky)).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM order_notice WHERE order_id IN (?, ?)",
                        Long.class,
                        shipped.id(),
                        failed.id()))
                .as("a claim per step reached, the silent one included")
                .isEqualTo(flow.size() + 1 + 2L);
    }

    /** Subjects of the mails received so far by {@code to}, in the order they arrived. */
    private static List<String> subjectsTo(String to) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(to)) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    private static List<String> bodiesTo(String to) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(to)) {
                bodies.add(message.getContent().toString());
            }
        }
        return bodies;
    }

    /** Recipients of the mails received so far for the event's users. */
    private static List<String> mailsFor(long eventId) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String to = message.getAllRecipients()[0].toString();
            if (to.endsWith("-" + eventId + "@example.com")) {
                recipients.add(to);
            }
        }
        return recipients;
    }

    private void send(String topic, List<?> values) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Object value : values) {
            String key = switch (value) {
                case CouponAdmitted a -> Long.toString(a.eventId());
                case CouponPersisted p -> Long.toString(p.eventId());
                case OrderStepReached o -> Long.toString(o.orderId());
                default -> throw new IllegalArgumentException(value.toString());
            };
            acks.add(kafka.send(topic, key, value));
        }
        kafka.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    private long lag(String group, String topic) throws Exception {
        return dev.firstcome.backend.support.KafkaLag.of(admin, group, topic);
    }
}
