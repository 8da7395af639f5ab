package org.satupintu.events;

/** {@code satupintu.application.levy-paid.v1}: the treasury confirmed the levy's payment ({@code levy.paidAt}, {@code levy.paymentReference}). */
public record LevyPaid(ApplicationEventData data) implements ApplicationEvent {
}
