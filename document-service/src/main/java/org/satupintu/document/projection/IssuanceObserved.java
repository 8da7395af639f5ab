package org.satupintu.document.projection;

import java.time.Instant;

/**
 * Published inside the service (synchronously, on the consumer thread) once the projection applied an
 * {@code application.issued} event, so a failure of what follows makes the Kafka record retry.
 */
public record IssuanceObserved(String eventId, ApplicationView application, Instant issuedAt) {
}
