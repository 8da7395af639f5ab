package org.satupintu.events;

/** {@code satupintu.application.submitted.v1}: the applicant submitted (or resubmitted) the application. */
public record ApplicationSubmitted(ApplicationEventData data) implements ApplicationEvent {
}
