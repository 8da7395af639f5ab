package org.satupintu.benchmarks;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end latency of the event path on a running platform, through the gateway: from sending
 * {@code POST /api/applications/{id}/submit} to (a) the applicant's in-app notification arriving on the live stream
 * {@code GET /api/notifications/stream} (pushed as soon as notification-service stored it) and (b) the signed
 * webhook of office {@code SULUT-MANADO} arriving at a receiver on 127.0.0.1. With concurrency 1, one application
 * at a time (create is not timed), so each sample is the path's own latency, not a queue; with concurrency N, N
 * submitters each create, submit and wait for their own application's notification and webhook, over and over, so
 * the path is measured under N concurrent submissions (and the creates between them). Bounded by {@code samples}
 * and {@code maxSeconds}. The webhook subscription is removed at the end.
 *
 * <p>Arguments: gateway URL, token endpoint, samples (200), max seconds (180), warm-up samples (10), concurrency
 * (1). Prints a line starting with {@code RESULT} for the scripts.
 */
public final class NotificationLatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SUBMITTED = "satupintu.application.submitted.v1";
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);

    private NotificationLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String tokenEndpoint = args.length > 1 ? args[1]
                : "http://localhost:8180/realms/satupintu/protocol/openid-connect/token";
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int maxSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 180;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);

        CreateSubmitBenchmark.ensurePermitType(gateway, CreateSubmitBenchmark.token(tokenEndpoint, "adi"));
        Tokens ani = new Tokens(() -> CreateSubmitBenchmark.token(tokenEndpoint, "ani"));
        Tokens office = new Tokens(() -> clientToken(tokenEndpoint));

        Map<String, Long> inApp = new ConcurrentHashMap<>();
        Map<String, Long> webhook = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode event = JSON.readTree(in.readAllBytes());
                if (SUBMITTED.equals(event.path("type").asString())) {
                    webhook.putIfAbsent(event.path("subject").asString(), at);
                }
            }
            catch (RuntimeException e) {
                // not a CloudEvent: ignore, answer anyway
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        HttpResponse<String> subscribed = send("POST", gateway + "/api/webhooks", office.get(),
                "{\"url\":\"" + hookUrl + "\",\"eventTypes\":[\"" + SUBMITTED + "\"]}");
        if (subscribed.statusCode() != 201) {
            receiver.stop(0);
            throw new IllegalStateException("Could not subscribe the webhook receiver: " + subscribed.statusCode()
                    + " " + subscribed.body());
        }
        String subscriptionId = JSON.readTree(subscribed.body()).path("id").asString();
        LiveStream stream = new LiveStream(gateway, ani, inApp);
        Histogram submitLatency = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        Histogram inAppLatency = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        Histogram webhookLatency = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        java.util.concurrent.atomic.AtomicInteger missedInApp = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger missedWebhook = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            stream.start();
            if (!stream.connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The live notification stream did not connect");
            }
            Runnable submitter = () -> {
                while (started.getAndIncrement() < warmup + samples && System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> created = send("POST", gateway + "/api/applications", ani.get(),
                                "{\"permitTypeCode\":\"BENCHMARK\",\"officeCode\":\"SULUT-MANADO\","
                                        + "\"form\":{\"note\":\"latency\"}}");
                        if (created.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        String id = JSON.readTree(created.body()).path("id").asString();
                        long start = System.nanoTime();
                        HttpResponse<String> submitted = send("POST",
                                gateway + "/api/applications/" + id + "/submit", ani.get(), "");
                        long answered = System.nanoTime();
                        if (submitted.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        long waitUntil = answered + SAMPLE_TIMEOUT.toNanos();
                        while ((!inApp.containsKey(id) || !webhook.containsKey(id))
                                && System.nanoTime() < waitUntil) {
                            Thread.sleep(1);
                        }
                        if (done.getAndIncrement() < warmup) {
                            continue;
                        }
                        submitLatency.recordValue(micros(answered - start));
                        Long notified = inApp.get(id);
                        Long hooked = webhook.get(id);
                        if (notified == null) {
                            missedInApp.incrementAndGet();
                        }
                        else {
                            inAppLatency.recordValue(micros(notified - start));
                        }
                        if (hooked == null) {
                            missedWebhook.incrementAndGet();
                        }
                        else {
                            webhookLatency.recordValue(micros(hooked - start));
                        }
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            };
            java.util.List<Thread> submitters = new java.util.ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                submitters.add(Thread.ofPlatform().name("submitter-" + i).start(submitter));
            }
            for (Thread t : submitters) {
                t.join();
            }
        }
        finally {
            stream.stop();
            HttpResponse<String> removed = send("DELETE", gateway + "/api/webhooks/" + subscriptionId, office.get(),
                    null);
            if (removed.statusCode() != 204) {
                System.err.println("Could not remove webhook subscription " + subscriptionId + ": "
                        + removed.statusCode());
            }
            receiver.stop(0);
            ((java.util.concurrent.ExecutorService) receiver.getExecutor()).shutdownNow();
        }
        System.out.printf("submit -> notification through the gateway: %d samples after %d warm-up, %s%n",
                submitLatency.getTotalCount(), warmup,
                concurrency == 1 ? "one at a time" : concurrency + " concurrent submitters");
        print("submit answered", submitLatency);
        print("in-app notification on the live stream", inAppLatency);
        print("webhook received", webhookLatency);
        System.out.printf("missed within %d s: in-app %d, webhook %d; failed requests %d%n",
                SAMPLE_TIMEOUT.toSeconds(), missedInApp.get(), missedWebhook.get(), errors.get());
        System.out.printf("RESULT concurrency=%d samples=%d submit_p50_ms=%.1f submit_p99_ms=%.1f inapp_p50_ms=%.1f inapp_p99_ms=%.1f"
                + " webhook_p50_ms=%.1f webhook_p99_ms=%.1f inapp_missed=%d webhook_missed=%d errors=%d%n",
                concurrency, submitLatency.getTotalCount(), ms(submitLatency, 50), ms(submitLatency, 99),
                ms(inAppLatency, 50),
                ms(inAppLatency, 99), ms(webhookLatency, 50), ms(webhookLatency, 99), missedInApp.get(),
                missedWebhook.get(), errors.get());
        System.exit(0);
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%-40s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (n=%d)%n", what, ms(h, 50),
                ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static long micros(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    static HttpResponse<String> send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String clientToken(String endpoint) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=office-sulut-manado&client_secret=dev-secret-manado"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** An access token renewed every minute (Keycloak's lifetime here is five). */
    static final class Tokens {

        interface Source {
            String fetch() throws Exception;
        }

        private final Source source;
        private String token;
        private long fetchedAt;

        Tokens(Source source) {
            this.source = source;
        }

        synchronized String get() throws Exception {
            if (token == null || System.nanoTime() - fetchedAt > TimeUnit.MINUTES.toNanos(1)) {
                token = source.fetch();
                fetchedAt = System.nanoTime();
            }
            return token;
        }
    }

    /** The applicant's live stream; reconnects with {@code Last-Event-ID} if the connection ends. */
    static final class LiveStream {

        final CountDownLatch connected = new CountDownLatch(1);
        private final String gateway;
        private final Tokens tokens;
        private final Map<String, Long> arrivals;
        private final AtomicReference<String> lastEventId = new AtomicReference<>();
        private final AtomicReference<Stream<String>> current = new AtomicReference<>();
        private volatile boolean running = true;
        private final Thread thread;

        LiveStream(String gateway, Tokens tokens, Map<String, Long> arrivals) {
            this.gateway = gateway;
            this.tokens = tokens;
            this.arrivals = arrivals;
            this.thread = new Thread(this::run, "live-stream");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            Stream<String> lines = current.get();
            if (lines != null) {
                lines.close();
            }
            thread.interrupt();
        }

        private void run() {
            while (running) {
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway
                            + "/api/notifications/stream")).header("Authorization", "Bearer " + tokens.get())
                            .header("Accept", "text/event-stream");
                    if (lastEventId.get() != null) {
                        request.header("Last-Event-ID", lastEventId.get());
                    }
                    HttpResponse<Stream<String>> response = HTTP.send(request.GET().build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        Thread.sleep(500);
                        continue;
                    }
                    connected.countDown();
                    current.set(response.body());
                    try (Stream<String> lines = response.body()) {
                        lines.forEach(this::line);
                    }
                }
                catch (InterruptedException e) {
                    return;
                }
                catch (Exception e) {
                    if (running) {
                        sleepQuietly();
                    }
                }
            }
        }

        private void line(String line) {
            long at = System.nanoTime();
            if (line.startsWith("id:")) {
                lastEventId.set(line.substring(3).trim());
            }
            else if (line.startsWith("data:")) {
                JsonNode n = JSON.readTree(line.substring(5).trim().getBytes(StandardCharsets.UTF_8));
                if (SUBMITTED.equals(n.path("eventType").asString())) {
                    arrivals.putIfAbsent(n.path("applicationId").asString(), at);
                }
            }
        }

        private static void sleepQuietly() {
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
