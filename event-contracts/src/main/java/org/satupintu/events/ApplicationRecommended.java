package org.satupintu.events;

/** {@code satupintu.application.recommended.v1}: the assigned officer recommended issuing the permit. */
public record ApplicationRecommended(ApplicationEventData data) implements ApplicationEvent {
}
