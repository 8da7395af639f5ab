package org.satupintu.notification.delivery;

/** How a notification reaches its recipient. In-app notifications are stored, the others are sent and logged. */
public enum Channel {
    INBOX, EMAIL, SMS, WEBHOOK
}
