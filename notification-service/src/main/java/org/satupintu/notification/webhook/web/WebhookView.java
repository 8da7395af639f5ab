package org.satupintu.notification.webhook.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.webhook.WebhookSubscription;

/** A subscription as its owner sees it; never the secret. */
record WebhookView(String id, String url, List<String> eventTypes, String officeCode, String status,
        @Nullable String pausedReason, @Nullable Instant pausedAt, int consecutiveFailures, String createdBy,
        Instant createdAt) {

    static WebhookView of(WebhookSubscription s) {
        return new WebhookView(s.id(), s.url(), s.eventTypes(), s.officeCode(), s.status().name(), s.pausedReason(),
                s.pausedAt(), s.consecutiveFailures(), s.createdBy(), s.createdAt());
    }
}
