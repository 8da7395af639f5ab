package org.satupintu.events;

/** {@code satupintu.application.renewal-started.v1}: a renewal DRAFT was opened for a permit ({@code renewalOf} names the old application). */
public record RenewalStarted(ApplicationEventData data) implements ApplicationEvent {
}
