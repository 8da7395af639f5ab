package org.satupintu.document;

import org.satupintu.testsupport.ResourceServerContract;

/** document-service checks tokens itself: real Keycloak tokens, real Kafka and MongoDB-wire store. */
class DocumentServiceSecurityIntegrationTests extends ResourceServerContract {

    @Override
    protected java.util.List<String> expectedMetrics() {
        // The breaker around calls to application-service (ownership lookups), by name.
        return java.util.List.of("http_server_requests_seconds_count",
                "resilience4j_circuitbreaker_state{name=\"application-service\"");
    }

    @Override
    protected String securedPath() {
        return "/api/documents?applicationId=unknown";
    }
}
