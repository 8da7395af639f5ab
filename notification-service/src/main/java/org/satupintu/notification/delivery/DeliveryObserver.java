package org.satupintu.notification.delivery;

/** Told the outcome of every attempt, e.g. so webhooks can pause a subscription that keeps failing. */
public interface DeliveryObserver {

    void delivered(Delivery delivery);

    void failed(Delivery delivery, DeliveryException failure);
}
