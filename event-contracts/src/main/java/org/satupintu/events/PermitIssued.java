package org.satupintu.events;

/** {@code satupintu.application.issued.v1}: the permit was issued ({@code permitNumber} set). */
public record PermitIssued(ApplicationEventData data) implements ApplicationEvent {
}
