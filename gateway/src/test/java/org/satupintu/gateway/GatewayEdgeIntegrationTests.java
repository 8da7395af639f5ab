package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

/** Edge protection with small limits: rate limits, body sizes and hostile paths never reach a service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayEdgeIntegrationTests {

    private static final AtomicInteger FORWARDED = new AtomicInteger();
    private static final HttpServer SERVICE = stub();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKeycloak(registry);
        String url = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        registry.add("satupintu.gateway.application-service-url", () -> url);
        registry.add("satupintu.gateway.document-service-url", () -> url);
        registry.add("satupintu.gateway.notification-service-url", () -> url);
        registry.add("satupintu.edge.public-limit", () -> "3");
        registry.add("satupintu.edge.api-limit", () -> "5");
        registry.add("satupintu.edge.period", () -> "60s");
        registry.add("satupintu.edge.max-json-body", () -> "1KB");
        registry.add("satupintu.edge.max-upload-body", () -> "4KB");
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void aSignedInClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        String eko = Tokens.password("eko");
        int ok = 0;
        ApiClient.Response last = null;
        for (int i = 0; i < 8; i++) {
            last = api().get("/api/notifications", eko);
            if (last.status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(5);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().path("code").asString()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        // Another subject has its own budget.
        assertThat(api().get("/api/notifications", Tokens.password("citra")).status()).isEqualTo(200);

        // The limiter's decisions are metrics, per limit class.
        String metrics = api().get("/actuator/prometheus", Tokens.password("olga")).body();
        assertThat(metrics).containsPattern(
                "satupintu_gateway_rate_limit_total\\{[^}]*limit=\"api\"[^}]*outcome=\"limited\"[^}]*} [1-9]");
    }

    @Test
    void anonymousPublicCallsAreLimitedPerAddress() {
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            if (api().get("/api/public/permits/PBG-SULUT-MANADO-2026-00000" + i, null).status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(3);
    }

    @Test
    void oversizedBodiesAre413AndNeverForwarded() throws IOException {
        int before = FORWARDED.get();
        String token = Tokens.password("adi");
        ApiClient.Response json = api().post("/api/applications", token, "{\"x\":\"" + "a".repeat(2000) + "\"}");
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.json().path("code").asString()).isEqualTo("too-large");
        // Streamed without a Content-Length (chunked): counted as it passes.
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/applications")
                .toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(256);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(("{\"x\":\"" + "a".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            // the gateway may close the connection early
        }
        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(FORWARDED.get()).isEqualTo(before);
    }

    @Test
    void hostilePathsAre400AndNeverForwarded() throws IOException {
        int before = FORWARDED.get();
        String token = Tokens.password("budi");
        // Sent as raw bytes: HTTP clients would refuse or normalise most of these.
        for (String path : new String[] { "/api/applications/..%2f..%2fadmin", "/api/applications/%2e%2e/x",
                "/api/documents/a%00b", "/api/applications/%zz", "/api/applications;jsessionid=1",
                "/api/applications/../../actuator", "/api/applications//x", "/api/applications/a\\b" }) {
            assertThat(rawStatusLine(path, token)).as(path).startsWith("HTTP/1.1 400");
        }
        assertThat(FORWARDED.get()).isEqualTo(before);
    }

    @Test
    void requestsNobodyCanReadAreAnsweredWithProblemJsonAndNeverForwarded() throws IOException {
        int before = FORWARDED.get();
        String token = Tokens.password("budi");
        String get = "GET /api/applications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token;
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("bare CR in a header", get + "\r\nX-Request-Id: a\rb");
        requests.put("NUL in a header", get + "\r\nIdempotency-Key: a\u0000b");
        requests.put("space in a header name", get + "\r\nIdempotency Key: a");
        requests.put("20 KB header", get + "\r\nX-Padding: " + "p".repeat(20 * 1024));
        requests.put("6 KB request line", "GET /api/applications?q=" + "q".repeat(6 * 1024) + " HTTP/1.1\r\nHost: x");
        requests.put("malformed escape", "GET /api/applications/%zz HTTP/1.1\r\nHost: x");
        requests.put("backslash", "GET /api/applications/a\\b HTTP/1.1\r\nHost: x");
        requests.put("double encoding", "GET /api/applications/%252e%252e HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + "Bearer " + token);
        requests.put("overlong UTF-8", "GET /api/applications/%c0%ae%c0%ae/x HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + token);
        requests.put("TRACE", "TRACE /api/applications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token);
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String response = rawResponse(request.getValue());
            assertThat(response).as(request.getKey()).matches("(?s)HTTP/1.1 4\\d\\d .*")
                    .containsIgnoringCase("content-type: application/problem+json").contains("\"status\":4");
        }
        assertThat(FORWARDED.get()).isEqualTo(before);
    }

    private String rawResponse(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((head + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String rawStatusLine(String path, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static HttpServer stub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                FORWARDED.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
