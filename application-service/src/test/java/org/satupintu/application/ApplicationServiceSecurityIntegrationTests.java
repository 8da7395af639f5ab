package org.satupintu.application;

import org.satupintu.testsupport.ResourceServerContract;

/** application-service checks tokens itself: real Keycloak tokens, real Kafka and MongoDB-wire store. */
class ApplicationServiceSecurityIntegrationTests extends ResourceServerContract {

    @Override
    protected String securedPath() {
        return "/api/applications";
    }
}
