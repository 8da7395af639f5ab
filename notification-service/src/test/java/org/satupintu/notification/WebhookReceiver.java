package org.satupintu.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A regional office's webhook receiver on 127.0.0.1: verifies each request's signature as WEBHOOKS.md tells
 * receivers to (HMAC-SHA256 over {@code t.body}, constant-time compare, five-minute window) and answers the planned
 * status codes (then 200).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String eventId, String body, boolean signatureValid, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();
    private volatile String secret = "";

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean valid = verify(secret, exchange.getRequestHeaders().getFirst("X-SatuPintu-Signature"), body);
            Integer planned = plannedStatuses.poll();
            int status = planned == null ? 200 : planned;
            received.add(new Received(String.valueOf(exchange.getRequestHeaders().getFirst("X-SatuPintu-Event-Id")),
                    body, valid, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void useSecret(String secret) {
        this.secret = secret;
    }

    public void answer(int... statuses) {
        for (int s : statuses) {
            plannedStatuses.add(s);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    /** The verification of WEBHOOKS.md. */
    static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = Long.parseLong(kv[1]);
            }
            else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t < 0 || v1 == null || Math.abs(Instant.now().getEpochSecond() - t) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, java.util.HexFormat.of().parseHex(v1));
        }
        catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
