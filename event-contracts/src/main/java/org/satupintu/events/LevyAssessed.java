package org.satupintu.events;

/** {@code satupintu.application.levy-assessed.v1}: the assigned officer assessed the regional levy ({@code levy.amountIdr}, {@code levy.basis}). */
public record LevyAssessed(ApplicationEventData data) implements ApplicationEvent {
}
