package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of application-service (stubs on loopback) behind one gateway: calls take turns over both, and once
 * one is stopped every call, writes included, still gets an answer (a refused connection is tried on the other
 * instance) and the health check takes it out of the list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayLoadBalancingIntegrationTests {

    private static final AtomicInteger CALLS_A = new AtomicInteger();
    private static final AtomicInteger CALLS_B = new AtomicInteger();
    private static final HttpServer A = stub(CALLS_A);
    private static final HttpServer B = stub(CALLS_B);

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKeycloak(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.application-service[0].uri", () -> url(A));
        registry.add("spring.cloud.discovery.client.simple.instances.application-service[1].uri", () -> url(B));
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "500ms");
    }

    @AfterAll
    static void stopStubs() {
        A.stop(0);
        B.stop(0);
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    @Order(1)
    void callsTakeTurnsOverBothInstances() {
        String token = Tokens.password("ani");
        int before = CALLS_A.get() + CALLS_B.get();
        for (int i = 0; i < 20; i++) {
            assertThat(api().get("/api/permit-types", token).status()).isEqualTo(200);
        }
        assertThat(CALLS_A.get() + CALLS_B.get() - before).isEqualTo(20);
        assertThat(CALLS_A.get()).isGreaterThanOrEqualTo(5);
        assertThat(CALLS_B.get()).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void aStoppedInstanceCostsNoCallAndIsLeftOutAfterTheNextHealthCheck() throws InterruptedException {
        String token = Tokens.password("ani");
        B.stop(0);
        // At once, before any health check noticed: refused connections go to the other instance, writes too.
        for (int i = 0; i < 10; i++) {
            ApiClient.Response write = api().post("/api/applications", token, "{\"n\":" + i + "}");
            assertThat(write.status()).isEqualTo(200);
            assertThat(write.json().path("n").asInt()).as("the body reached the other instance").isEqualTo(i);
            assertThat(api().get("/api/applications/x" + i, token).status()).isEqualTo(200);
        }
        Thread.sleep(1500);
        ApiClient.Response health = api().get("/actuator/health/downstreams", Tokens.password("olga"));
        assertThat(health.json().path("details").path("application-service").asString())
                .isEqualTo("UP (1 of 2 instances ready)");
        int beforeA = CALLS_A.get();
        for (int i = 0; i < 10; i++) {
            assertThat(api().get("/api/permit-types", token).status()).isEqualTo(200);
        }
        assertThat(CALLS_A.get() - beforeA).isEqualTo(10);
    }

    private static HttpServer stub(AtomicInteger calls) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().startsWith("/api/")) {
                    calls.incrementAndGet();
                }
                byte[] received = exchange.getRequestBody().readAllBytes();
                byte[] bytes = received.length > 0 ? received : "{}".getBytes(StandardCharsets.UTF_8);
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
