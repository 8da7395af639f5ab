package org.satupintu.notification.webhook;

/** ACTIVE receives deliveries; PAUSED keeps them waiting (see {@code pausedReason}) until resumed. */
public enum SubscriptionStatus {
    ACTIVE, PAUSED
}
