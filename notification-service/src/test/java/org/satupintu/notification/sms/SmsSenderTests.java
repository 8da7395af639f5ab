package org.satupintu.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.DeliveryProperties;
import org.satupintu.notification.delivery.DeliveryStatus;
import org.satupintu.notification.delivery.Guard;

/** The HTTP provider adapter against a real HTTP server on loopback. */
class SmsSenderTests {

    HttpServer provider;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(202);

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/sms", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    SmsSender sender() {
        Guard guard = new Guard(new DeliveryProperties(Duration.ofSeconds(1), Duration.ofMinutes(1), 10, 2,
                Duration.ofSeconds(1), 2, Duration.ofSeconds(5), Duration.ofHours(1), 1, Duration.ofMillis(1),
                Duration.ofSeconds(1), Duration.ofMinutes(5)));
        return new SmsSender(new SmsProperties("http://127.0.0.1:" + provider.getAddress().getPort() + "/sms",
                "{\"to\":\"{to}\",\"text\":\"{message}\",\"from\":\"SATUPINTU\"}", "application/json", "Bearer k",
                Duration.ofSeconds(5)), guard);
    }

    static Delivery sms(String body) {
        Instant now = Instant.now();
        return new Delivery("d1", Channel.SMS, "user:ani", "+6281234567890", "e1", "t", "a1", null, null, null, null,
                body, DeliveryStatus.PENDING, 0, null, null, now, now, now.plusSeconds(60), null, null, null, false);
    }

    @Test
    void postsTheBodyTemplateWithEscapedValues() throws Exception {
        assertThat(sender().send(sms("Alasan: \"buram\"\nulang"))).isEqualTo(202);
        assertThat(bodies).containsExactly(
                "{\"to\":\"+6281234567890\",\"text\":\"Alasan: \\\"buram\\\"\\nulang\",\"from\":\"SATUPINTU\"}");
        assertThat(auth).containsExactly("Bearer k");
    }

    @Test
    void aProviderErrorIsRetriedLaterButARefusalIsFinal() {
        status.set(503);
        assertThatThrownBy(() -> sender().send(sms("x"))).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isFalse());
        status.set(400);
        assertThatThrownBy(() -> sender().send(sms("x"))).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void withoutAProviderMessagesGoToTheLog() throws Exception {
        SmsSender logOnly = new SmsSender(new SmsProperties(null, "{}", "application/json", null,
                Duration.ofSeconds(1)), null);
        assertThat(logOnly.send(sms("x"))).isNull();
        assertThat(bodies).isEmpty();
    }
}
