package org.satupintu.notification;

import java.util.UUID;

import org.satupintu.testsupport.ResourceServerContract;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** notification-service checks tokens itself: real Keycloak tokens, real Kafka and MongoDB-wire store. */
@DirtiesContext
class NotificationServiceSecurityIntegrationTests extends ResourceServerContract {

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        // Its own database and consumer group, so it never sends what another test context recorded.
        String run = UUID.randomUUID().toString().substring(0, 8);
        registry.add("spring.mongodb.database", () -> "notifications-security-" + run);
        registry.add("spring.kafka.consumer.group-id", () -> "notification-service-security-" + run);
    }

    @Override
    protected String securedPath() {
        return "/api/notifications?unread=true";
    }
}
