package org.satupintu.notification.inbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One in-app notification of one recipient key ({@code user:<subject>} or {@code office:<code>:<role>}). The id is
 * derived from event, recipient and channel, so a redelivered event cannot store it twice; {@code seq} is a
 * service-wide increasing number that orders the live stream and resumes it ({@code Last-Event-ID}).
 */
@Document("notifications")
public record Notification(@Id String id, long seq, String recipient, String eventId, String eventType,
        String applicationId, @Nullable String registrationNumber, String title, String body, String locale,
        Instant createdAt, @Nullable Instant readAt) {
}
