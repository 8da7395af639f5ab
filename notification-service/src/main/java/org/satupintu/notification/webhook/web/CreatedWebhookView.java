package org.satupintu.notification.webhook.web;

import java.time.Instant;
import java.util.List;

import org.satupintu.notification.webhook.Webhooks;

/** The answer to a new subscription: the only time the signing secret is shown. */
record CreatedWebhookView(String id, String url, List<String> eventTypes, String officeCode, String status,
        Instant createdAt, String secret) {

    static CreatedWebhookView of(Webhooks.Created created) {
        var s = created.subscription();
        return new CreatedWebhookView(s.id(), s.url(), s.eventTypes(), s.officeCode(), s.status().name(),
                s.createdAt(), created.secret());
    }
}
