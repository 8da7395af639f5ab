package org.satupintu.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.ResourceServerAssertions;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service is a resource server of its own: real Keycloak tokens, real Kafka and MongoDB-wire store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentServiceSecurityIntegrationTests {

    private static final String PATH = "/api/documents?applicationId=unknown";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void acceptsAnApplicantTokenFromKeycloak() {
        ApiClient.Response response = api().get(PATH, Tokens.password("ani"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void rejectsMissingForgedAndUnsignedTokensWithProblemJson() {
        ResourceServerAssertions.assertRejectsBadTokens(api(), PATH, Tokens.password("ani"));
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }
}
