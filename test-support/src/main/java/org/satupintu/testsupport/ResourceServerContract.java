package org.satupintu.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every SatuPintu service must do as an OAuth2 resource server of its own (defence in depth), on real
 * infrastructure: accept real Keycloak tokens, refuse missing, forged and unsigned ones with problem JSON, and
 * keep health open. A service's test extends this and names one secured path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ResourceServerContract {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;

    /** A GET that any applicant may call successfully. */
    protected abstract String securedPath();

    protected ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void acceptsAnApplicantTokenFromKeycloak() {
        ApiClient.Response response = api().get(securedPath(), Tokens.password("ani"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void rejectsMissingForgedAndUnsignedTokensWithProblemJson() {
        ResourceServerAssertions.assertRejectsBadTokens(api(), securedPath(), Tokens.password("ani"));
    }

    /** Metric names this service must publish on {@code /actuator/prometheus}; extend for the service's own. */
    protected java.util.List<String> expectedMetrics() {
        return java.util.List.of("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void publishesPrometheusMetricsWithoutAToken() {
        api().get(securedPath(), Tokens.password("ani"));
        ApiClient.Response metrics = api().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains(expectedMetrics());
    }

    @Test
    void rejectsARealTokenIssuedForAnotherAudience() {
        ResourceServerAssertions.assertUnauthorizedProblem(api().get(securedPath(), Tokens.otherAudience("ani")));
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }
}
