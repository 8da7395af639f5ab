package org.satupintu.notification.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A regional office system's subscription: events of {@code eventTypes} about applications of {@code officeCode}
 * are POSTed to {@code url}, signed with {@code secret}. The secret is kept because signing needs it, but it is
 * returned only once, when the subscription is created.
 */
@Document("webhooks")
public record WebhookSubscription(@Id String id, String officeCode, String url, List<String> eventTypes,
        String secret, String createdBy, Instant createdAt, SubscriptionStatus status, @Nullable String pausedReason,
        @Nullable Instant pausedAt, int consecutiveFailures) {
}
