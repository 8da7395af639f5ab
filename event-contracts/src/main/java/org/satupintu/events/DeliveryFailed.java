package org.satupintu.events;

/** {@code satupintu.notification.delivery-failed.v1}: a notification delivery gave up after its retries. */
public record DeliveryFailed(DeliveryFailedData data) implements NotificationEvent {

    @Override
    public String applicationId() {
        return data.applicationId();
    }
}
