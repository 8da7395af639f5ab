package org.satupintu.notification.delivery;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Resilience4j around every outbound call: a couple of quick retries for a blip, inside a circuit breaker per
 * target so a dead SMTP server or webhook receiver is not hammered. Longer outages are the dispatcher's job (the
 * delivery log retries over hours), never a blocked Kafka consumer.
 */
@Component
public class Guard {

    /** A call that may fail with a delivery problem. */
    @FunctionalInterface
    public interface Call {
        void run() throws DeliveryException;
    }

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;

    /**
     * Every delivery target's breaker and retry counters are published as {@code resilience4j_circuitbreaker_*}
     * and {@code resilience4j_retry_*} metrics, tagged with the target.
     */
    @Autowired
    public Guard(DeliveryProperties properties, MeterRegistry metrics) {
        this(properties);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(metrics);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(metrics);
    }

    public Guard(DeliveryProperties properties) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // Hopeless sends (a refused address) say nothing about whether the target is up.
                .recordException(e -> !(e instanceof DeliveryException d) || (!d.permanent() && d.targetFault()))
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.quickRetries()))
                .waitDuration(properties.quickRetryWait().isZero() ? Duration.ofMillis(1) : properties.quickRetryWait())
                .retryOnException(e -> e instanceof DeliveryException d && !d.permanent() && d.targetFault())
                .build());
    }

    /** Runs {@code call} for {@code target} (e.g. {@code smtp}, {@code webhook-<id>}). */
    public void run(String target, Call call) throws DeliveryException {
        CircuitBreaker breaker = breakers.circuitBreaker(target);
        Retry retry = retries.retry(target);
        DeliveryException[] lastFailure = new DeliveryException[1];
        try {
            Retry.decorateCheckedRunnable(retry, CircuitBreaker.decorateCheckedRunnable(breaker, () -> {
                try {
                    call.run();
                }
                catch (DeliveryException e) {
                    lastFailure[0] = e;
                    throw e;
                }
            })).run();
        }
        catch (DeliveryException e) {
            throw e;
        }
        catch (CallNotPermittedException e) {
            // If the target was really tried in this run (and that opened the breaker), that failure is the news.
            if (lastFailure[0] != null) {
                throw lastFailure[0];
            }
            throw DeliveryException.postponed("circuit open for " + target + ": recent sends failed, waiting");
        }
        catch (Throwable e) {
            throw DeliveryException.temporary(e.toString(), null);
        }
    }
}
