package org.satupintu.events;

/** {@code satupintu.application.created.v1}: an application was started (DRAFT). */
public record ApplicationCreated(ApplicationEventData data) implements ApplicationEvent {
}
