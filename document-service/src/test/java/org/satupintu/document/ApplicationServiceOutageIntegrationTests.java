package org.satupintu.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When application-service is down, an upload it would have to answer for is a clear 503 problem, quickly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationServiceOutageIntegrationTests {

    static final String DOWN_URL;

    static {
        // A port that was just free and that nobody listens on any more.
        ApplicationServiceStub stub = ApplicationServiceStub.start();
        DOWN_URL = stub.url();
        stub.close();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("satupintu.application-service.url", () -> DOWN_URL);
        registry.add("satupintu.application-service.timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Test
    void anUploadThatNeedsApplicationServiceIsUnavailableWhileItIsDown() throws Exception {
        String token = Tokens.password("ani");
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            ApiClient.Response response = Uploads.upload("http://127.0.0.1:" + port, token,
                    "unseen-" + UUID.randomUUID(), "KTP", "ktp.pdf", "application/pdf", Uploads.pdfFile(2000));
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asString()).isEqualTo("dependency-unavailable");
            assertThat(System.nanoTime() - started).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
        }
        // The breaker's failures are visible to operators.
        String metrics = new ApiClient("http://127.0.0.1:" + port).get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern(
                "resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"failed\"[^}]*name=\"application-service\"[^}]*} [1-9]");
    }
}
