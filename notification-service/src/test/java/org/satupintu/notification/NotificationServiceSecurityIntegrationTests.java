package org.satupintu.notification;

import org.satupintu.testsupport.ResourceServerContract;

/** notification-service checks tokens itself: real Keycloak tokens, real Kafka and MongoDB-wire store. */
class NotificationServiceSecurityIntegrationTests extends ResourceServerContract {

    @Override
    protected String securedPath() {
        return "/api/notifications?unread=true";
    }
}
