package org.satupintu.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Create + submit throughput through the gateway of a running platform (./run-local.sh), bounded in time. Uses a
 * permit type {@code BENCHMARK} without mandatory documents (created by admin {@code adi} if absent), so the
 * measurement is the synchronous API path: gateway JWT check, application-service, MongoDB, numbering, outbox.
 *
 * <p>Arguments (all optional): gateway URL, token endpoint, seconds, concurrency.
 */
public final class CreateSubmitBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CreateSubmitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String tokenEndpoint = args.length > 1 ? args[1]
                : "http://localhost:8180/realms/satupintu/protocol/openid-connect/token";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        ensurePermitType(gateway, token(tokenEndpoint, "adi"));
        AtomicReference<String> ani = new AtomicReference<>(token(tokenEndpoint, "ani"));
        Histogram pairs = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong allPairs = new AtomicLong();
        java.util.Map<Integer, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        Instant end = Instant.now().plusSeconds(seconds);
        Instant warmupEnd = Instant.now().plusSeconds(Math.min(10, seconds / 6));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
        pool.execute(() -> {
            while (Instant.now().isBefore(end)) {
                sleep(60_000);
                try {
                    ani.set(token(tokenEndpoint, "ani"));
                }
                catch (Exception e) {
                    errors.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                while (Instant.now().isBefore(end)) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> created = send(gateway + "/api/applications", ani.get(),
                                "{\"permitTypeCode\":\"BENCHMARK\",\"officeCode\":\"SULUT-MANADO\","
                                        + "\"form\":{\"note\":\"benchmark\"}}");
                        if (created.statusCode() != 201) {
                            errors.incrementAndGet();
                            failures.computeIfAbsent(created.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                        String id = JSON.readTree(created.body()).path("id").asString();
                        HttpResponse<String> submitted = send(gateway + "/api/applications/" + id + "/submit",
                                ani.get(), "");
                        if (submitted.statusCode() != 200) {
                            errors.incrementAndGet();
                            failures.computeIfAbsent(submitted.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            continue;
                        }
                        allPairs.incrementAndGet();
                        if (Instant.now().isAfter(warmupEnd)) {
                            pairs.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                        }
                    }
                    catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double measured = Duration.between(warmupEnd, end).toMillis() / 1000.0;
        long count = pairs.getTotalCount();
        System.out.printf("create+submit through the gateway: %d pairs in %.0f s after warm-up, concurrency %d%n",
                count, measured, concurrency);
        System.out.printf("throughput: %.1f pairs/s; latency per pair p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                + " errors %d%n", count / measured, ms(pairs, 50), ms(pairs, 99), pairs.getMaxValue() / 1000.0,
                errors.get());
        System.out.printf("RESULT pairs=%d seconds=%.0f concurrency=%d pairs_per_second=%.1f p50_ms=%.1f p99_ms=%.1f"
                + " errors=%d total_pairs=%d%n", count, measured, concurrency, count / measured, ms(pairs, 50),
                ms(pairs, 99), errors.get(), allPairs.get());
        if (!failures.isEmpty()) {
            System.out.println("failed answers by status: " + failures
                    + " (429 = the gateway's per-client rate limit: raise SATUPINTU_EDGE_APILIMIT for load tests)");
        }
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static void ensurePermitType(String gateway, String adminToken) throws Exception {
        HttpResponse<String> existing = HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/permit-types/BENCHMARK")).header("Authorization", "Bearer " + adminToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() == 200) {
            return;
        }
        HttpResponse<String> created = send(gateway + "/api/permit-types", adminToken, """
                {"code":"BENCHMARK","name":{"id":"Uji beban","en":"Load test"},
                 "description":{"id":"Jenis izin untuk pengukuran kinerja","en":"Permit type for benchmarks"},
                 "slaWorkingDays":5,"feeIdr":0,"active":true,
                 "formFields":[{"key":"note","label":{"id":"Catatan","en":"Note"},"type":"text","required":false}],
                 "requirements":[{"code":"LAMPIRAN","name":{"id":"Lampiran","en":"Attachment"},"mandatory":false,
                                  "contentTypes":["application/pdf"],"maxSizeBytes":1048576}]}""");
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Could not create the BENCHMARK permit type: " + created.body());
        }
    }

    static HttpResponse<String> send(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String endpoint, String user) throws Exception {
        String form = "grant_type=password&client_id=satupintu-web&username=" + user + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
