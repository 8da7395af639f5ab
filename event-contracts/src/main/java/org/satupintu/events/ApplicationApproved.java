package org.satupintu.events;

/** {@code satupintu.application.approved.v1}: approved with a levy to pay: awaiting payment ({@code levy.billingCode}, {@code levy.dueAt}). */
public record ApplicationApproved(ApplicationEventData data) implements ApplicationEvent {
}
