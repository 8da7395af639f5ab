package org.satupintu.document;

import org.satupintu.testsupport.ResourceServerContract;

/** document-service checks tokens itself: real Keycloak tokens, real Kafka and MongoDB-wire store. */
@org.springframework.test.annotation.DirtiesContext
class DocumentServiceSecurityIntegrationTests extends ResourceServerContract {

    @Override
    protected String securedPath() {
        return "/api/documents?applicationId=unknown";
    }
}
