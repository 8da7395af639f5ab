package org.satupintu.notification.delivery;

/** Where a send stands; FAILED_TEMPORARY is retried later, FAILED_PERMANENT is final (deadline passed or hopeless). */
public enum DeliveryStatus {
    PENDING, SENT, FAILED_TEMPORARY, FAILED_PERMANENT
}
