package org.satupintu.notification.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.ChannelSender;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.Guard;
import org.springframework.stereotype.Component;

/**
 * POSTs the CloudEvent JSON as received to the subscriber, signed at send time. Only 2xx counts as delivered;
 * redirects are not followed (they could lead to an internal address).
 */
@Component
class WebhookSender implements ChannelSender {

    private final Webhooks webhooks;
    private final TargetGuard targets;
    private final Guard guard;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(Webhooks webhooks, TargetGuard targets, Guard guard, WebhooksProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public @Nullable Integer send(Delivery delivery) throws DeliveryException {
        String subscriptionId = delivery.subscriptionId();
        WebhookSubscription subscription = subscriptionId == null ? null : webhooks.find(subscriptionId);
        if (subscription == null) {
            throw DeliveryException.permanent("the subscription was deleted");
        }
        if (subscription.status() == SubscriptionStatus.PAUSED) {
            throw DeliveryException.postponed("subscription paused: " + subscription.pausedReason());
        }
        URI target;
        try {
            target = targets.check(subscription.url());
        }
        catch (InvalidWebhookUrlException e) {
            throw DeliveryException.temporary("target refused: " + e.getMessage(), null);
        }
        int[] status = new int[1];
        guard.run("webhook-" + subscription.id(), () -> {
            long t = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(target).timeout(properties.timeout())
                    .header("Content-Type", "application/cloudevents+json")
                    .header("User-Agent", "SatuPintu-Webhooks/1")
                    .header("X-SatuPintu-Event-Id", delivery.eventId())
                    .header("X-SatuPintu-Delivery-Id", delivery.id())
                    .header("X-SatuPintu-Signature", WebhookSigner.header(subscription.secret(), t, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            try {
                status[0] = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            catch (HttpTimeoutException e) {
                throw DeliveryException.temporary("timed out after " + properties.timeout(), null);
            }
            catch (IOException e) {
                throw DeliveryException.temporary("unreachable: " + e, null);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.temporary("interrupted", null);
            }
            if (status[0] < 200 || status[0] >= 300) {
                throw DeliveryException.temporary("receiver answered HTTP " + status[0], status[0]);
            }
        });
        return status[0];
    }
}
