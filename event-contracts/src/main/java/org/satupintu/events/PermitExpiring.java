package org.satupintu.events;

/** {@code satupintu.application.permit-expiring.v1}: a reminder that the permit expires ({@code validUntil}) in {@code reminderDaysBefore} days. */
public record PermitExpiring(ApplicationEventData data) implements ApplicationEvent {
}
