package org.satupintu.events;

/** {@code satupintu.application.sla-breached.v1}: the application passed its SLA due date undecided. */
public record SlaBreached(ApplicationEventData data) implements ApplicationEvent {
}
