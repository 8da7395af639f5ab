package org.satupintu.support;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared plumbing, under {@code satupintu.*}; every value has a default that works with the local
 * stack.
 *
 * @param security token checks
 * @param web the web edge
 * @param store store readiness
 * @param openapi the OpenAPI document
 * @param kafka listener error handling
 * @param outbox the outbox relay
 */
@ConfigurationProperties("satupintu")
public record ServiceSupportProperties(@DefaultValue Security security, @DefaultValue Web web,
        @DefaultValue Store store, @DefaultValue OpenApi openapi, @DefaultValue Kafka kafka,
        @DefaultValue Outbox outbox) {

    /**
     * @param clockSkew how late an expired token is still accepted (Spring's default is 60 s)
     * @param tokenCacheSize how many checked tokens are remembered until they expire, so a session's token is
     *        verified once, not on every request ({@code TokenCache}); 0 turns the cache off
     */
    public record Security(@DefaultValue("30s") Duration clockSkew, @DefaultValue("10000") int tokenCacheSize) {
    }

    /**
     * @param maxJsonBody the largest non-multipart request body (API.md: 256 KiB)
     * @param maxPageSize the largest page unless the service's paging policy says otherwise
     */
    public record Web(@DefaultValue("256KB") DataSize maxJsonBody, @DefaultValue("100") int maxPageSize) {
    }

    /**
     * @param pingTimeout how long the readiness ping may take
     * @param versionedSaveIndex whether every versioned aggregate's collection gets a unique index on
     *        {@code (_id, version)}, the exact keys of Spring Data's optimistic-locking save, so the embedded store
     *        (which uses an index only when a query's keys are exactly the index's keys) finds the document without
     *        scanning; real MongoDB would use {@code _id} anyway, so it may be turned off there
     */
    public record Store(@DefaultValue("2s") Duration pingTimeout, @DefaultValue("true") boolean versionedSaveIndex) {
    }

    /**
     * @param title the document's title, e.g. {@code SatuPintu application-service}; defaults to the application name
     * @param description what the service offers
     */
    public record OpenApi(@Nullable String title, @DefaultValue("") String description) {
    }

    /**
     * @param retries how often a failing record is retried before it goes to {@code <topic>-dlt}
     * @param initialBackoff the first wait between retries (doubled each time)
     * @param outageBackoff the longest wait between retries of a record that failed because another system is
     *     away ({@link org.satupintu.support.kafka.DependencyOutage}); the wait doubles up to this
     * @param outageRetryFor how long such a record is retried before it goes to {@code <topic>-dlt}
     */
    public record Kafka(@DefaultValue("3") int retries, @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration outageBackoff, @DefaultValue("1h") Duration outageRetryFor) {
    }

    /**
     * @param pollInterval how often the relay looks for events nobody woke it for
     * @param lease how long a replica holds an aggregate it is publishing
     * @param batch aggregates per round
     * @param sweepInterval how often the relay looks for waiting events without a marker (after a crash between
     *        an aggregate's save and its marker, or data from before the markers); also once at start
     */
    public record Outbox(@DefaultValue("1s") Duration pollInterval, @DefaultValue("30s") Duration lease,
            @DefaultValue("100") int batch, @DefaultValue("5m") Duration sweepInterval) {
    }
}
