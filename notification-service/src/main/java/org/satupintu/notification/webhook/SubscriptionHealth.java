package org.satupintu.notification.webhook;

import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.DeliveryObserver;
import org.springframework.stereotype.Component;

/** Counts consecutive failed webhook attempts per subscription and pauses one that keeps failing. */
@Component
class SubscriptionHealth implements DeliveryObserver {

    private final Webhooks webhooks;

    SubscriptionHealth(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void delivered(Delivery delivery) {
        if (delivery.channel() == Channel.WEBHOOK && delivery.subscriptionId() != null) {
            webhooks.succeeded(delivery.subscriptionId());
        }
    }

    @Override
    public void failed(Delivery delivery, DeliveryException failure) {
        if (delivery.channel() == Channel.WEBHOOK && delivery.subscriptionId() != null && failure.targetFault()
                && !failure.permanent()) {
            webhooks.failed(delivery.subscriptionId(), String.valueOf(failure.getMessage()));
        }
    }
}
