package org.satupintu.events;

/** {@code satupintu.application.rejected.v1}: the supervisor rejected the application ({@code comment} is the reason). */
public record ApplicationRejected(ApplicationEventData data) implements ApplicationEvent {
}
