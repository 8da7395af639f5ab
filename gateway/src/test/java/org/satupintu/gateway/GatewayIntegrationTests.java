package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.ResourceServerAssertions;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of stub services (real HTTP servers on loopback), with tokens from the real Keycloak.
 * The document-service stub is never started, so its route exercises the fallback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests {

    private static final HttpServer APPLICATION = stub("application-service");
    private static final HttpServer NOTIFICATION = stub("notification-service");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKeycloak(registry);
        registry.add("satupintu.gateway.application-service-url", () -> url(APPLICATION));
        registry.add("satupintu.gateway.notification-service-url", () -> url(NOTIFICATION));
        // Nothing listens here: connection refused, as when the service is down.
        registry.add("satupintu.gateway.document-service-url", () -> "http://127.0.0.1:1");
        registry.add("satupintu.gateway.downstream-timeout", () -> "3s");
        registry.add("satupintu.security.clock-skew", () -> "1s");
    }

    @AfterAll
    static void stopStubs() {
        APPLICATION.stop(0);
        NOTIFICATION.stop(0);
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void routesEachPathToItsServiceWithTheTokenUnchanged() {
        String token = Tokens.password("ani");
        ApiClient.Response applications = api().get("/api/applications?state=DRAFT", token);
        assertThat(applications.status()).as(applications.body()).isEqualTo(200);
        assertThat(applications.json().path("service").asString()).isEqualTo("application-service");
        assertThat(applications.json().path("path").asString()).isEqualTo("/api/applications");
        assertThat(applications.json().path("authorization").asString()).isEqualTo("Bearer " + token);

        ApiClient.Response notifications = api().get("/api/notifications", token);
        assertThat(notifications.json().path("service").asString()).isEqualTo("notification-service");
        assertThat(api().get("/api/permit-types/PBG", token).json().path("service").asString())
                .isEqualTo("application-service");
    }

    @Test
    void continuesTheCallersW3cTraceDownstreamOrStartsOne() {
        String token = Tokens.password("ani");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ApiClient.Response traced = api().get("/api/applications", token, "traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(traced.json().path("traceparent").asString())
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .isNotEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");

        ApiClient.Response fresh = api().get("/api/applications", token);
        assertThat(fresh.json().path("traceparent").asString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .doesNotContain(traceId);
    }

    @Test
    void aDownServiceMakesTheGatewayDegradedButStillReady() {
        // document-service is down in this test; the two stubs answer 200 on every path.
        ApiClient.Response health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.json().path("components").path("downstreams").path("status").asString())
                .isEqualTo("DEGRADED");
        assertThat(health.json().path("components").path("downstreams").has("details")).isFalse();
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);

        JsonNode details = api().get("/actuator/health/downstreams", Tokens.password("olga")).json().path("details");
        assertThat(details.path("application-service").asString()).isEqualTo("UP");
        assertThat(details.path("notification-service").asString()).isEqualTo("UP");
        assertThat(details.path("document-service").asString()).isEqualTo("DOWN");
    }

    @Test
    void rejectsAnonymousAndForgedTokensBeforeAnyDownstreamCall() {
        ResourceServerAssertions.assertRejectsBadTokens(api(), "/api/applications", Tokens.password("ani"));
    }

    @Test
    void rejectsARealTokenOnceItHasExpired() throws InterruptedException {
        String token = Tokens.expiringAfter(Duration.ofSeconds(8));
        Instant expiry = Tokens.expiryOf(token);
        if (Instant.now().isBefore(expiry.minusSeconds(3))) {
            assertThat(api().get("/api/applications", token).status()).isEqualTo(200);
        }
        // Past expiry plus the configured one-second skew.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry.plusMillis(2500)).toMillis()));
        ResourceServerAssertions.assertUnauthorizedProblem(api().get("/api/applications", token));
    }

    @Test
    void rejectsARealTokenIssuedForAnotherAudience() {
        ResourceServerAssertions.assertUnauthorizedProblem(
                api().get("/api/applications", Tokens.otherAudience("ani")));
    }

    @Test
    void servesOneSwaggerUiOverEachServicesApiAndTheEventContract() {
        ApiClient.Response applicationDocs = api().get("/v3/api-docs/application-service", null);
        assertThat(applicationDocs.status()).isEqualTo(200);
        assertThat(applicationDocs.json().path("service").asString()).isEqualTo("application-service");
        assertThat(applicationDocs.json().path("path").asString()).isEqualTo("/v3/api-docs");
        ApiClient.Response config = api().get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs/application-service", "/v3/api-docs/document-service",
                "/v3/api-docs/notification-service");
        ApiClient.Response ui = api().get("/swagger-ui.html", null);
        assertThat(ui.status()).isIn(200, 302);
        ApiClient.Response events = api().get("/asyncapi.yaml", null);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body()).contains("asyncapi: 3.0.0", "satupintu.application.submitted.v1");
    }

    @Test
    void exposesPrometheusMetricsForRoutesAndBreakers() {
        api().get("/api/applications", Tokens.password("ani"));
        api().get("/api/documents?applicationId=x", Tokens.password("ani"));
        ApiClient.Response metrics = api().get("/actuator/prometheus", Tokens.password("olga"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("resilience4j_circuitbreaker_state", "http_server_requests_seconds");
    }

    /** Issue #12: operations endpoints are not public. */
    @Test
    void metricsAreForOperatorsOnlyAndTheRoutesEndpointIsNotExposed() {
        ApiClient.Response anonymous = api().get("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/actuator/prometheus", Tokens.password("ani")).status()).isEqualTo(403);
        assertThat(api().get("/actuator/gateway/routes", Tokens.password("olga")).status()).isIn(403, 404);
        assertThat(api().get("/actuator/gateway/routes", null).status()).isIn(401, 403, 404);
        assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void echoesAClientRequestIdAndForwardsIt() {
        ApiClient.Response response = api().get("/api/applications", Tokens.password("ani"), "X-Request-Id",
                "req-123");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-123");
        assertThat(response.json().path("requestId").asString()).isEqualTo("req-123");
    }

    @Test
    void generatesARequestIdWhenMissingOrUnsafe() {
        ApiClient.Response anonymous = api().get("/api/applications", null);
        assertThat(anonymous.header("X-Request-Id")).isNotBlank();
        ApiClient.Response unsafe = api().get("/api/applications", Tokens.password("ani"), "X-Request-Id",
                "bad id with spaces");
        assertThat(unsafe.header("X-Request-Id")).isNotBlank().isNotEqualTo("bad id with spaces");
    }

    @Test
    void unknownPathsAreProblemJson404() {
        ApiClient.Response response = api().get("/api/nothing-here", Tokens.password("ani"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("not-found");
    }

    @Test
    void aDownServiceAnswers503ProblemJson() {
        ApiClient.Response response = api().get("/api/documents?applicationId=x", Tokens.password("ani"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("service-unavailable");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void publicPathsNeedNoToken() {
        // Routed to document-service, which is down here: the point is that the gateway lets it through (503, not 401).
        assertThat(api().get("/api/public/permits/PBG-SULUT-MANADO-2026-000001", null).status()).isEqualTo(503);
    }

    @Test
    void answersCorsPreflightForTheWebClientOrigin() {
        ApiClient.Response response = api().send("OPTIONS", "/api/applications", null, null, "Origin",
                "http://localhost:5173", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                "authorization,content-type");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        ApiClient.Response foreign = api().send("OPTIONS", "/api/applications", null, null, "Origin",
                "https://evil.example", "Access-Control-Request-Method", "POST");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    private static HttpServer stub(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = ("{\"service\":\"%s\",\"path\":\"%s\",\"authorization\":\"%s\",\"requestId\":\"%s\","
                        + "\"traceparent\":\"%s\"}")
                        .formatted(name, exchange.getRequestURI().getPath(),
                                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                                String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")),
                                String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

}
