package org.satupintu.notification.webhook.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Delivery;

/** One entry of a subscription's delivery log. */
record WebhookDeliveryView(String id, String eventId, String eventType, String applicationId, String status,
        int attempts, @Nullable Integer lastStatusCode, @Nullable String lastError, Instant createdAt,
        @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt) {

    static WebhookDeliveryView of(Delivery d) {
        boolean waiting = switch (d.status()) {
            case PENDING, FAILED_TEMPORARY -> true;
            default -> false;
        };
        return new WebhookDeliveryView(d.id(), d.eventId(), d.eventType(), d.applicationId(), d.status().name(),
                d.attempts(), d.lastStatusCode(), d.lastError(), d.createdAt(), waiting ? d.nextAttemptAt() : null,
                d.deliveredAt());
    }
}
