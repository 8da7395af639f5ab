package org.satupintu.support.kafka;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.ServiceSupportProperties;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Marks an exception that says another system (a service, an identity provider) is away, not that the record is
 * bad. The shared Kafka error handler retries such a record with a growing wait, up to
 * {@code satupintu.kafka.outage-backoff}, for {@code satupintu.kafka.outage-retry-for} before dead-lettering it, so
 * a short outage delays events instead of losing them to the dead letters.
 */
public interface DependencyOutage {

    /** Whether the failure (or one of its causes, e.g. inside a listener execution exception) is an outage. */
    static boolean causes(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyOutage) {
                return true;
            }
        }
        return false;
    }

    /** The waits between retries of a record that failed because of an outage. */
    static BackOff backOff(ServiceSupportProperties.Kafka settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(Math.max(settings.initialBackoff().toMillis(), settings.outageBackoff().toMillis()));
        backOff.setMaxElapsedTime(settings.outageRetryFor().toMillis());
        return backOff;
    }
}
