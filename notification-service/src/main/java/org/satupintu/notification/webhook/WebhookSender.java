package org.satupintu.notification.webhook;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.ChannelSender;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.Guard;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * POSTs the CloudEvent JSON as received to the subscriber, signed at send time. Only 2xx counts as delivered;
 * redirects are not followed (they could lead to an internal address). The HTTP client resolves host names only
 * through {@link TargetGuard#resolve(String)}: the addresses it checked are the ones it connects to.
 */
@Component
class WebhookSender implements ChannelSender, DisposableBean {

    private static final ContentType CLOUD_EVENTS = ContentType.create("application/cloudevents+json",
            StandardCharsets.UTF_8);

    private final Webhooks webhooks;
    private final TargetGuard targets;
    private final Guard guard;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final CloseableHttpClient http;

    WebhookSender(Webhooks webhooks, TargetGuard targets, Guard guard, WebhooksProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
        Timeout timeout = Timeout.of(properties.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
                            @Override
                            public java.net.InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                                return targets.resolve(host);
                            }

                            @Override
                            public String resolveCanonicalHostname(String host) {
                                return host;
                            }
                        })
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .build();
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
            target = targets.checkForm(subscription.url());
        }
        catch (InvalidWebhookUrlException e) {
            throw DeliveryException.temporary("target refused: " + e.getMessage(), null);
        }
        int[] status = new int[1];
        guard.run("webhook-" + subscription.id(), () -> {
            long t = clock.instant().getEpochSecond();
            HttpPost request = new HttpPost(target);
            request.setHeader("User-Agent", "SatuPintu-Webhooks/1");
            request.setHeader("X-SatuPintu-Event-Id", delivery.eventId());
            request.setHeader("X-SatuPintu-Delivery-Id", delivery.id());
            request.setHeader("X-SatuPintu-Signature", WebhookSigner.header(subscription.secret(), t, delivery.body()));
            request.setEntity(new StringEntity(delivery.body(), CLOUD_EVENTS));
            try {
                status[0] = http.execute(request, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
            }
            catch (TargetGuard.RefusedTargetException e) {
                throw DeliveryException.temporary("target refused: " + e.getMessage(), null);
            }
            catch (SocketTimeoutException e) { // connect (ConnectTimeoutException) and response timeouts
                throw DeliveryException.temporary("timed out after " + properties.timeout(), null);
            }
            catch (IOException e) {
                throw DeliveryException.temporary("unreachable: " + e, null);
            }
            if (status[0] < 200 || status[0] >= 300) {
                throw DeliveryException.temporary("receiver answered HTTP " + status[0], status[0]);
            }
        });
        return status[0];
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
