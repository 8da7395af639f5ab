package org.satupintu.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery retries: the dispatcher looks for due deliveries every {@code pollInterval}, retries with exponential
 * backoff ({@code initialBackoff} × {@code multiplier}^n, at most {@code maxBackoff}) until {@code deadline} after
 * creation, then gives up. {@code lease}: how long a replica owns a claimed delivery. {@code sweepInterval}: how often
 * deliveries that wait without a due entry (a crash between the two writes) are looked for, besides at start. Calls are guarded by a
 * Resilience4j retry ({@code quickRetries} tries, {@code quickRetryWait} apart) and a circuit breaker per target.
 */
@ConfigurationProperties("satupintu.delivery")
public record DeliveryProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("2m") Duration lease,
        @DefaultValue("50") int batch, @DefaultValue("8") int concurrency,
        @DefaultValue("30s") Duration initialBackoff, @DefaultValue("2.0") double multiplier,
        @DefaultValue("30m") Duration maxBackoff, @DefaultValue("24h") Duration deadline,
        @DefaultValue("2") int quickRetries, @DefaultValue("300ms") Duration quickRetryWait,
        @DefaultValue("30s") Duration breakerOpenFor, @DefaultValue("5m") Duration sweepInterval) {

    /** The wait before attempt number {@code attempts + 1}. */
    public Duration backoffAfter(int attempts) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
