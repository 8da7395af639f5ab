package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.local.Ports;
import org.satupintu.systemtests.RunningPlatform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Drill: a regional office's webhook receiver (a loopback HTTP server started here) is down for 30 s while
 * submissions come in. After it returns, every event is delivered, signed, once per event id.
 */
@Tag("slow-drill")
class WebhookReceiverOutageDrillTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** What the receiver saw: one entry per accepted POST, plus refused signatures. */
    private final List<String[]> received = new ArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;

    @Test
    void everyEventReachesTheReceiverOnceAfterItComesBack() throws Exception {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("webhook-receiver-outage");
        ApiClient gateway = Drills.gateway();
        String office = RunningPlatform.clientToken("office-sulut-manado", "dev-secret-manado");
        int port = Ports.freePort();
        HttpServer receiver = startReceiver(port);
        ApiClient.Response subscribed = gateway.post("/api/webhooks", office, "{\"url\":\"http://127.0.0.1:" + port
                + "/hook\",\"eventTypes\":[\"" + EventTypes.APPLICATION_SUBMITTED + "\"]}");
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        String subscription = subscribed.json().path("id").asString();
        secret = subscribed.json().path("secret").asString();
        SteadyLoad load = SteadyLoad.start(gateway, Drills.APPLICANT, Duration.ofSeconds(1), false);
        Instant down;
        Instant up;
        String statusAfterOutage;
        boolean resumed = false;
        try {
            Drills.sleep(Duration.ofSeconds(8));
            receiver.stop(0);
            down = Instant.now();
            Drills.sleep(OUTAGE);
            receiver = startReceiver(port);
            up = Instant.now();
            Drills.sleep(Duration.ofSeconds(5));
        }
        finally {
            load.close();
        }
        try {
            statusAfterOutage = gateway.get("/api/webhooks/" + subscription, office).json().path("status").asString();
            if (statusAfterOutage.equals("PAUSED")) {
                // WEBHOOKS.md: after 10 consecutive failures the office fixes its receiver and resumes.
                assertThat(gateway.post("/api/webhooks/" + subscription + "/resume", office, "").status())
                        .isIn(200, 204);
                resumed = true;
            }
            Set<String> apps = load.accepted().stream().map(SteadyLoad.Accepted::applicationId)
                    .collect(Collectors.toSet());
            Duration converged = Drills.awaitUntil(Duration.ofSeconds(180),
                    () -> Drills.missing(apps, byApplication(apps)) == 0);
            Duration recovered = converged == null ? null : Duration.between(up, Instant.now());
            Drills.sleep(Duration.ofSeconds(5));
            Map<String, List<String>> deliveries = byApplication(apps);
            long duplicatedDeliveries = deliveries.values().stream().mapToLong(ids -> ids.size() - 1).sum();
            JsonNode log = gateway.get("/api/webhooks/" + subscription + "/deliveries?size=500", office).json();
            int maxAttempts = 0;
            for (JsonNode d : log.path("content")) {
                maxAttempts = Math.max(maxAttempts, d.path("attempts").asInt());
            }

            report.put("receiver down for", Duration.between(down, up))
                    .put("submissions sent", load.sent())
                    .put("submissions accepted (200)", apps.size())
                    .put("refused or failed", load.failures())
                    .put("subscription status after the outage", statusAfterOutage)
                    .put("resumed by the office system (POST /resume)", resumed)
                    .put("deliveries received for accepted submissions", deliveries.values().stream()
                            .mapToInt(List::size).sum())
                    .put("lost", Drills.missing(apps, deliveries))
                    .put("duplicated (same application delivered again)", duplicatedDeliveries)
                    .put("distinct event ids per application > 1", Drills.duplicatedIds(deliveries))
                    .put("bad signatures", badSignatures.get())
                    .put("most attempts of one delivery (delivery log)", maxAttempts)
                    .put("time to recover (receiver back -> everything delivered)", recovered)
                    .write();

            assertThat(Drills.missing(apps, deliveries)).isZero();
            assertThat(duplicatedDeliveries).isZero();
            assertThat(badSignatures.get()).isZero();
        }
        finally {
            gateway.send("DELETE", "/api/webhooks/" + subscription, office, null);
            receiver.stop(0);
        }
        Drills.assertPlatformHealthy();
    }

    private Map<String, List<String>> byApplication(Set<String> apps) {
        synchronized (received) {
            return received.stream().filter(r -> apps.contains(r[0]))
                    .collect(Collectors.groupingBy(r -> r[0], Collectors.mapping(r -> r[1], Collectors.toList())));
        }
    }

    private HttpServer startReceiver(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-SatuPintu-Signature");
            if (!verify(signature, body)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            JsonNode event = Drills.JSON.readTree(body);
            synchronized (received) {
                received.add(new String[] {event.path("data").path("applicationId").asString(),
                        exchange.getRequestHeaders().getFirst("X-SatuPintu-Event-Id")});
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private boolean verify(String header, byte[] body) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            }
            else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(v1));
        }
        catch (Exception e) {
            return false;
        }
    }
}
