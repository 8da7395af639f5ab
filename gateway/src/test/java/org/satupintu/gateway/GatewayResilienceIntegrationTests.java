package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slow and failing services behind the gateway: the time limit, no repeated writes and an opening breaker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayResilienceIntegrationTests {

    static final AtomicInteger POST_CALLS = new AtomicInteger();
    static final AtomicInteger BROKEN_CALLS = new AtomicInteger();
    static final AtomicInteger DROPPED_GETS = new AtomicInteger();
    static final AtomicInteger DROPPED_POSTS = new AtomicInteger();
    static final AtomicInteger BUSY_NOW = new AtomicInteger();
    static final AtomicInteger BUSY_MAX = new AtomicInteger();
    static final HttpServer NOTIFICATIONS = server(GatewayResilienceIntegrationTests::notifications);
    static final HttpServer DOCUMENTS = server(exchange -> {
        // Calls of the routes only: the load balancer's health checks ask /actuator/health/readiness too.
        if (exchange.getRequestURI().getPath().startsWith("/api/")) {
            BROKEN_CALLS.incrementAndGet();
        }
        respond(exchange, 500, "{}");
    });

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKeycloak(registry);
        registry.add("satupintu.gateway.notification-service-url", () -> url(NOTIFICATIONS));
        registry.add("satupintu.gateway.application-service-url", () -> url(NOTIFICATIONS));
        registry.add("satupintu.gateway.document-service-url", () -> url(DOCUMENTS));
        registry.add("satupintu.gateway.downstream-timeout", () -> "2s");
        registry.add("satupintu.gateway.upload-timeout", () -> "2s");
    }

    @AfterAll
    static void stop() {
        NOTIFICATIONS.stop(0);
        DOCUMENTS.stop(0);
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void aSlowServiceAnswers503FromTheFallbackLongBeforeItWouldHaveAnswered() {
        // The stub would take 25 s; the gateway's time limit is 2 s.
        ApiClient.Response response = api().get("/api/notifications/slow", Tokens.password("ani"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("service-unavailable");
    }

    /**
     * Issue #16: 28 clients made Resilience4j's implicit bulkhead of 25 refuse calls, and its refusals opened the
     * breaker of a healthy service. Now 40 calls at once all reach the (slow but healthy) service and succeed.
     */
    @Test
    void aCrowdBeyondTheOldBulkheadReachesAHealthyServiceWithout503() throws Exception {
        String token = Tokens.password("ani");
        int crowd = 40;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(crowd);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < crowd; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api().get("/api/notifications/busy", token).status();
                }));
            }
            start.countDown();
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).hasSize(crowd).containsOnly(200);
            assertThat(BUSY_MAX.get()).as("calls in progress at the service at once").isGreaterThan(25);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLiveNotificationStreamIsNotCutByTheTimeLimit() {
        // The stub holds the stream for 4 s, longer than the 2 s limit of ordinary calls.
        ApiClient.Response stream = api().get("/api/notifications/stream", Tokens.password("ani"));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body()).contains("data:");
    }

    @Test
    void aFailingWriteIsNotRepeated() {
        ApiClient.Response post = api().post("/api/applications", Tokens.password("ani"), "{}");
        assertThat(post.status()).isEqualTo(503);
        assertThat(POST_CALLS.get()).isEqualTo(1);
    }

    @Test
    void aReadWhoseConnectionDropsIsRetriedButAWriteIsNot() {
        String token = Tokens.password("ani");
        // The stub drops the connection without answering on the first call of each method, then answers.
        ApiClient.Response read = api().get("/api/notifications/drop", token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("attempt").asInt()).isEqualTo(2);
        assertThat(DROPPED_GETS.get()).isEqualTo(2);

        ApiClient.Response write = api().post("/api/notifications/drop", token, "{}");
        assertThat(write.status()).isEqualTo(503);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(DROPPED_POSTS.get()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensSoADeadServiceIsNoLongerCalled() {
        String token = Tokens.password("ani");
        for (int i = 0; i < 16; i++) {
            assertThat(api().get("/api/documents/doc-" + i, token).status()).isEqualTo(503);
        }
        // Ten failures fill the breaker's minimum; the remaining calls are refused without reaching the service.
        assertThat(BROKEN_CALLS.get()).isEqualTo(10);
    }

    private static void notifications(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/stream")) {
            try {
                Thread.sleep(4_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "id: 1\ndata: {}\n\n");
        }
        else if (path.endsWith("/slow")) {
            try {
                Thread.sleep(25_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        }
        else if (path.endsWith("/busy")) {
            BUSY_MAX.accumulateAndGet(BUSY_NOW.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BUSY_NOW.decrementAndGet();
            respond(exchange, 200, "{}");
        }
        else if (path.endsWith("/drop")) {
            exchange.getRequestBody().readAllBytes();
            int attempt = (exchange.getRequestMethod().equals("GET") ? DROPPED_GETS : DROPPED_POSTS).incrementAndGet();
            if (attempt == 1) {
                exchange.close(); // no response at all: the connection is closed
            }
            else {
                respond(exchange, 200, "{\"attempt\":" + attempt + "}");
            }
        }
        else if (exchange.getRequestMethod().equals("POST")) {
            POST_CALLS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 503, "{}");
        }
        else {
            respond(exchange, 200, "{}");
        }
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpServer server(Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", handler::handle);
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
