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

import org.satupintu.systemtests.RunningPlatform;
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

    /** One accepted submission (submit answered 200), with the uploaded document when the load uploads. */
    record Accepted(String applicationId, String registrationNumber, String documentId, Instant at) {
    }

    private final ApiClient gateway;
    private final String user;
    private final boolean upload;
    private final AtomicReference<String> token;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger uploadsAccepted = new AtomicInteger();
    private final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, AtomicInteger> failures = new TreeMap<>();
    private final List<String> uploadedDocuments = new ArrayList<>();

    private SteadyLoad(ApiClient gateway, String user, boolean upload) {
        this.gateway = gateway;
        this.user = user;
        this.upload = upload;
        this.token = new AtomicReference<>(RunningPlatform.token(user));
    }

    /** Starts one submission every {@code interval} (as {@code user}, permit type BENCHMARK, office MANADO). */
    static SteadyLoad start(ApiClient gateway, String user, Duration interval, boolean upload) {
        SteadyLoad load = new SteadyLoad(gateway, user, upload);
        load.ticks.scheduleAtFixedRate(() -> load.calls.execute(load::submitOne), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
        load.ticks.scheduleWithFixedDelay(load::refreshToken, 60, 60, TimeUnit.SECONDS);
        return load;
    }

    private void refreshToken() {
        try {
            token.set(RunningPlatform.token(user));
        }
        catch (RuntimeException e) {
            fail("token refresh " + e.getClass().getSimpleName());
        }
    }

    private void submitOne() {
        sent.incrementAndGet();
        try {
            ApiClient.Response created = gateway.post("/api/applications", token.get(),
                    "{\"permitTypeCode\":\"" + PERMIT_TYPE + "\",\"officeCode\":\"" + OFFICE
                            + "\",\"form\":{\"note\":\"fault drill\"}}");
            if (created.status() != 201) {
                fail("create " + created.status());
                return;
            }
            String id = created.json().path("id").asString();
            String documentId = null;
            if (upload) {
                ApiClient.Response uploaded = gateway.upload("/api/documents", token.get(),
                        Map.of("applicationId", id, "requirementCode", "LAMPIRAN"), "lampiran.pdf", "application/pdf",
                        PDF);
                if (uploaded.status() == 201) {
                    documentId = uploaded.json().path("id").asString();
                    uploadsAccepted.incrementAndGet();
                    synchronized (uploadedDocuments) {
                        uploadedDocuments.add(documentId);
                    }
                }
                else {
                    fail("upload " + uploaded.status());
                }
            }
            ApiClient.Response submitted = gateway.post("/api/applications/" + id + "/submit", token.get(), "");
            if (submitted.status() != 200) {
                fail("submit " + submitted.status());
                return;
            }
            synchronized (accepted) {
                accepted.add(new Accepted(id, submitted.json().path("registrationNumber").asString(), documentId,
                        Instant.now()));
            }
        }
        catch (RuntimeException e) {
            fail("error " + e.getClass().getSimpleName());
        }
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
}
