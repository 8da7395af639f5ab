package org.satupintu.support.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Readiness of the store a service cannot work without: a MongoDB {@code ping} answered within a short time.
 * Part of the readiness group ({@code store}), so an instance that lost its store is taken out of rotation instead
 * of answering 5xx; Kafka is left out on purpose (the outbox keeps events while the broker is away). Boot's own
 * MongoDB indicator is not used because it relies on server fields the embedded wire server lacks.
 */
public class StoreHealthIndicator implements HealthIndicator {

    /** A ping that hangs must not hold a shared pool thread (the common pool has one thread on two cores). */
    private static final Executor PINGER = task -> Thread.ofVirtual().name("store-ping").start(task);

    private final MongoTemplate mongo;
    private final Duration timeout;

    public StoreHealthIndicator(MongoTemplate mongo, Duration timeout) {
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        long started = System.nanoTime();
        try {
            CompletableFuture.supplyAsync(() -> mongo.executeCommand(new Document("ping", 1)), PINGER)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("pingMillis", (System.nanoTime() - started) / 1_000_000).build();
        }
        catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        }
        catch (Exception e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
