package org.satupintu.events;

/** {@code satupintu.application.withdrawn.v1}: the applicant withdrew the application. */
public record ApplicationWithdrawn(ApplicationEventData data) implements ApplicationEvent {
}
