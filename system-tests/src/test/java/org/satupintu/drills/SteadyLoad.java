package org.satupintu.drills;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.satupintu.testsupport.ApiClient;

/**
 * Submissions at a steady rate through the gateway, whatever happens behind it: every tick starts one create (+
 * optional upload) + submit on its own virtual thread, so a slow or failing call never delays the next one. Keeps
 * what was accepted, so a drill can count what must arrive.
 */
final class SteadyLoad implements AutoCloseable {

    static final String PERMIT_TYPE = "BENCHMARK";
    static final String OFFICE = "SULUT-MANADO";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * One accepted submission (submit answered 200), with the uploaded document when the load uploads, who sent it,
     * when it started and how long create (+ upload) + submit took.
     */
    record Accepted(String applicationId, String registrationNumber, String documentId, Instant at, String user,
            Instant started, Duration took) {
    }

    private final List<ApiClient> gateways;
    private final AtomicInteger failovers = new AtomicInteger();
    private final List<String> users;
    private final boolean upload;
    private final Map<String, AtomicReference<String>> tokens = new java.util.LinkedHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger uploadsAccepted = new AtomicInteger();
    private final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, AtomicInteger> failures = new TreeMap<>();
    private final List<String> uploadedDocuments = new ArrayList<>();

    private SteadyLoad(List<ApiClient> gateways, List<String> users, boolean upload) {
        this.gateways = List.copyOf(gateways);
        this.users = List.copyOf(users);
        this.upload = upload;
        for (String user : this.users) {
            tokens.put(user, new AtomicReference<>(Drills.token(user)));
        }
    }

    /** Starts one submission every {@code interval} (as {@code user}, permit type BENCHMARK, office MANADO). */
    static SteadyLoad start(ApiClient gateway, String user, Duration interval, boolean upload) {
        return start(gateway, List.of(user), interval, upload);
    }

    /** As {@link #start(ApiClient, String, Duration, boolean)}, the submissions taken in turn by {@code users}. */
    static SteadyLoad start(ApiClient gateway, List<String> users, Duration interval, boolean upload) {
        return start(List.of(gateway), users, interval, upload);
    }

    /**
     * As {@link #start(ApiClient, List, Duration, boolean)} through several gateways in turn, each call moving on to
     * the next gateway when one refuses the connection (what a load balancer in front of them does; the refused
     * call never reached a gateway, so sending it again is safe): {@link #failovers()} counts those.
     */
    static SteadyLoad start(List<ApiClient> gateways, List<String> users, Duration interval, boolean upload) {
        SteadyLoad load = new SteadyLoad(gateways, users, upload);
        load.ticks.scheduleAtFixedRate(() -> load.calls.execute(load::submitOne), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
        load.ticks.scheduleWithFixedDelay(load::refreshToken, 60, 60, TimeUnit.SECONDS);
        return load;
    }

    private void refreshToken() {
        tokens.forEach((user, token) -> {
            try {
                token.set(Drills.token(user));
            }
            catch (RuntimeException e) {
                fail("token refresh " + e.getClass().getSimpleName());
            }
        });
    }

    /** Calls made again on the next gateway because one refused the connection. */
    int failovers() {
        return failovers.get();
    }

    private ApiClient.Response call(int n, java.util.function.Function<ApiClient, ApiClient.Response> request) {
        for (int attempt = 0;; attempt++) {
            ApiClient gateway = gateways.get((n + attempt) % gateways.size());
            try {
                return request.apply(gateway);
            }
            catch (IllegalStateException e) {
                if (!(e.getCause() instanceof java.net.ConnectException) || attempt + 1 >= gateways.size()) {
                    throw e;
                }
                failovers.incrementAndGet();
            }
        }
    }

    private void submitOne() {
        int n = sent.getAndIncrement();
        String user = users.get(n % users.size());
        AtomicReference<String> token = tokens.get(user);
        Instant started = Instant.now();
        long start = System.nanoTime();
        try {
            ApiClient.Response created = call(n, gateway -> gateway.post("/api/applications", token.get(),
                    "{\"permitTypeCode\":\"" + PERMIT_TYPE + "\",\"officeCode\":\"" + OFFICE
                            + "\",\"form\":{\"note\":\"fault drill\"}}"));
            if (created.status() != 201) {
                fail("create", created);
                return;
            }
            String id = created.json().path("id").asString();
            String documentId = null;
            if (upload) {
                ApiClient.Response uploaded = call(n, gateway -> gateway.upload("/api/documents", token.get(),
                        Map.of("applicationId", id, "requirementCode", "LAMPIRAN"), "lampiran.pdf", "application/pdf",
                        PDF));
                if (uploaded.status() == 201) {
                    documentId = uploaded.json().path("id").asString();
                    uploadsAccepted.incrementAndGet();
                    synchronized (uploadedDocuments) {
                        uploadedDocuments.add(documentId);
                    }
                }
                else {
                    fail("upload", uploaded);
                }
            }
            ApiClient.Response submitted = call(n, gateway -> gateway.post("/api/applications/" + id + "/submit",
                    token.get(), ""));
            if (submitted.status() != 200) {
                fail("submit", submitted);
                return;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            synchronized (accepted) {
                accepted.add(new Accepted(id, submitted.json().path("registrationNumber").asString(), documentId,
                        Instant.now(), user, started, took));
            }
        }
        catch (RuntimeException e) {
            fail("error " + e.getClass().getSimpleName());
        }
    }

    /** A refusal, by step and status; a 429 or 503 without {@code Retry-After} is counted as such. */
    private void fail(String step, ApiClient.Response response) {
        int status = response.status();
        boolean retryAfterExpected = status == 429 || status == 503;
        fail(step + " " + status
                + (retryAfterExpected && response.header("Retry-After") == null ? " without Retry-After" : ""));
    }

    private void fail(String what) {
        synchronized (failures) {
            failures.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Stops starting new submissions and waits for those in flight. */
    @Override
    public void close() {
        ticks.shutdownNow();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(90, TimeUnit.SECONDS)) {
                calls.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int sent() {
        return sent.get();
    }

    List<Accepted> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    List<String> uploadedDocuments() {
        synchronized (uploadedDocuments) {
            return List.copyOf(uploadedDocuments);
        }
    }

    String failures() {
        synchronized (failures) {
            return failures.isEmpty() ? "none" : failures.toString();
        }
    }

    /** The refusals and failures by kind ("create 429", "submit 503", "error HttpTimeoutException", ...). */
    Map<String, Integer> failureCounts() {
        synchronized (failures) {
            Map<String, Integer> counts = new TreeMap<>();
            failures.forEach((k, v) -> counts.put(k, v.get()));
            return counts;
        }
    }
}
