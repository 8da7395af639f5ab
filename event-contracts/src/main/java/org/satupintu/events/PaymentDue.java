package org.satupintu.events;

/** {@code satupintu.application.payment-due.v1}: a reminder that the levy falls due in {@code reminderDaysBefore} days. */
public record PaymentDue(ApplicationEventData data) implements ApplicationEvent {
}
