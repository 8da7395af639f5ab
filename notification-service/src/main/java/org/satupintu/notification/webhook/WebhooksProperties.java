package org.satupintu.notification.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings. {@code allowPrivateTargets} lets URLs point at loopback, link-local and private addresses:
 * true only for the local stack and tests, false (the default, and the docker profile) in production to prevent
 * SSRF. After {@code pauseAfterFailures} consecutive failed attempts a subscription is paused.
 */
@ConfigurationProperties("satupintu.webhooks")
public record WebhooksProperties(@DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("10") int pauseAfterFailures, @DefaultValue("10s") Duration timeout,
        @DefaultValue("20") int maxSubscriptionsPerOffice) {
}
