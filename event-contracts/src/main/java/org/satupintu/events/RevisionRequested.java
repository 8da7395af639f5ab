package org.satupintu.events;

/** {@code satupintu.application.revision-requested.v1}: the office asked the applicant to revise the application ({@code comment} is the reason). */
public record RevisionRequested(ApplicationEventData data) implements ApplicationEvent {
}
