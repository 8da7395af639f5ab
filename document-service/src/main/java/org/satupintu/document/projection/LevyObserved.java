package org.satupintu.document.projection;

import java.time.Instant;

import org.satupintu.events.LevyData;

/**
 * Published inside the service (synchronously, on the consumer thread) when a levy was billed on approval
 * ({@code paid} false: the SKRD is due) or its payment confirmed ({@code paid} true: the receipt), so a failure of
 * what follows makes the Kafka record retry.
 */
public record LevyObserved(String eventId, ApplicationView application, LevyData levy, boolean paid, Instant at) {
}
