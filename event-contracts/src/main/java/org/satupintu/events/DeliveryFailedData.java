package org.satupintu.events;

import java.time.Instant;
import java.util.Objects;

/** Payload of {@code satupintu.notification.delivery-failed.v1}: which delivery gave up, for what, and why. */
public record DeliveryFailedData(String deliveryId, String channel, String recipient, String subscriptionId,
        String eventId, String eventType, String applicationId, String registrationNumber, String officeCode,
        int attempts, String lastError, Integer lastStatusCode, Instant createdAt) {

    public DeliveryFailedData {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(applicationId, "applicationId");
    }
}
