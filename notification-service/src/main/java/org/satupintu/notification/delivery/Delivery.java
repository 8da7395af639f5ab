package org.satupintu.notification.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One send over one channel to one recipient, and its log: status, attempts, last error, next attempt. The id is a
 * hash of event id, recipient and channel, so a redelivered event cannot send twice. {@code leaseUntil} marks a
 * replica working on it.
 *
 * @param address email address, E.164 phone number or webhook URL
 * @param subject email subject (null for SMS and webhooks)
 * @param body the text to send, or for webhooks the CloudEvent JSON as received
 */
@Document("deliveries")
public record Delivery(@Id String id, Channel channel, String recipient, String address, String eventId,
        String eventType, String applicationId, @Nullable String registrationNumber, @Nullable String officeCode,
        @Nullable String subscriptionId, @Nullable String subject, String body, DeliveryStatus status, int attempts,
        @Nullable String lastError, @Nullable Integer lastStatusCode, Instant createdAt, Instant nextAttemptAt,
        Instant deadline, @Nullable Instant leaseUntil, @Nullable Instant deliveredAt, @Nullable Instant updatedAt,
        boolean failureReported) {
}
