package org.satupintu.events;

/** {@code satupintu.application.assigned.v1}: an officer took the application up for review. */
public record ApplicationAssigned(ApplicationEventData data) implements ApplicationEvent {
}
