package org.satupintu.application.review;

import java.time.Instant;

import org.satupintu.events.ApplicationEventData;

/**
 * An event recorded in the application document in the same write as the state change it describes; the relay
 * publishes it and removes it. Its id is stable, so a republish is recognisable.
 */
public record OutboxEvent(String id, String type, Instant time, ApplicationEventData data) {
}
