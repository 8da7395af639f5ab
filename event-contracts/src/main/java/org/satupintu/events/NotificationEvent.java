package org.satupintu.events;

/** Events of {@code satupintu.notification.events}, published by notification-service. */
public sealed interface NotificationEvent extends SatuPintuEvent permits DeliveryFailed {
}
