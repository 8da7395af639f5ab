package org.satupintu.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.events.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events waiting in a service's aggregates (its {@link OutboxSource}) as CloudEvents structured JSON
 * and removes them once Kafka acknowledged them. If Kafka is down the events simply wait. Delivery is at-least-once:
 * a crash between send and removal republishes the same event id, which consumers de-duplicate.
 *
 * <p>Finding the waiting events never scans the aggregates. Every save of an aggregate with a non-empty outbox also
 * upserts a small marker document ({@code _id} = the aggregate's id) in {@code <collection>_outbox}
 * ({@link OutboxMarkers}); the relay reads the markers, claims one with a short lease <em>on the marker</em> (so
 * several replicas do not publish the same events at once; a send starts only while the lease has more than the
 * send timeout left, so with replicas alive and Kafka answering, no event is published twice), loads the aggregate by {@code _id}, publishes, pulls the
 * sent events by {@code _id}, and deletes the marker once the outbox is empty (then looks again, so an event saved in
 * between keeps its marker). Every query on the aggregates' collection is an {@code _id} equality, which the embedded
 * store (mongo-java-server: an index serves a query only when the query's keys are exactly the index's keys) answers
 * from its {@code _id} index, and the marker collection holds only what is waiting. A crash between an aggregate's
 * save and its marker, or data from before the markers, is repaired by a sweep for outboxes without a marker at
 * start and every {@code sweepInterval} (a scan, on the embedded store; an index on real MongoDB).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String OUTBOX = "outbox";
    static final String LEASE_FIELD = "lease";
    /** How long one send may wait for Kafka's acknowledgement. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final OutboxSource<Object> source;
    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final int batch;
    private final Duration sweepInterval;
    private final String collection;
    private final OutboxMarkers markers;
    private final String eventIdField;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Instant nextSweep = Instant.MIN;
    private @Nullable ScheduledExecutorService worker;

    @SuppressWarnings("unchecked")
    public OutboxRelay(OutboxSource<?> source, MongoTemplate mongo, KafkaTemplate<String, String> kafka,
            OutboxMarkers markers, JsonMapper json, Clock clock, Duration pollInterval, Duration lease, int batch,
            Duration sweepInterval) {
        this.source = (OutboxSource<Object>) source;
        this.mongo = mongo;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
        if (lease.compareTo(SEND_TIMEOUT.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("satupintu.outbox.lease must be at least " + SEND_TIMEOUT.multipliedBy(2)
                    + " (twice the send timeout), was " + lease);
        }
        this.lease = lease;
        this.batch = batch;
        this.sweepInterval = sweepInterval;
        this.collection = mongo.getCollectionName(source.aggregateType());
        this.markers = markers;
        // How MongoDB names the message id inside the array, as the mapping writes it.
        this.eventIdField = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(source.messageType()).getRequiredPersistentProperty("id").getFieldName();
    }

    /** Publish soon, without making the request wait for Kafka. */
    public void wakeUp() {
        ScheduledExecutorService current = worker;
        if (current != null && scheduled.compareAndSet(false, true)) {
            current.execute(() -> {
                scheduled.set(false);
                publishPending();
            });
        }
    }

    /** @return how many events were published in this round */
    public int publishPending() {
        sweepIfDue();
        int published = 0;
        for (int i = 0; i < batch; i++) {
            Claim claim = claimNext();
            if (claim == null) {
                break;
            }
            Object id = claim.id();
            Document stored = mongo.getCollection(collection).find(Filters.eq("_id", id)).first();
            Object claimed = stored == null ? null : mongo.getConverter().read(source.aggregateType(), stored);
            if (claimed == null || source.pending(claimed).isEmpty()) {
                markers.settle(id, LEASE_FIELD);
                continue;
            }
            int sent = publish(claim, claimed);
            published += sent;
            if (sent < source.pending(claimed).size()) {
                break; // Kafka trouble: try again on the next round.
            }
        }
        return published;
    }

    /*
     * The claim is a lease on the marker, not on the aggregate: the relay never writes the aggregate except to pull
     * what it sent (Spring Data would bump the aggregate's @Version on a mapped update, and a client's If-Match would
     * then fail for a change it cannot see). The marker collection holds only what waits, so its scan is short.
     */
    private @Nullable Claim claimNext() {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        Query query = Query.query(new Criteria().orOperator(Criteria.where(LEASE_FIELD).exists(false),
                Criteria.where(LEASE_FIELD).lt(now)));
        Document claimed = mongo.findAndModify(query, new Update().set(LEASE_FIELD, until),
                FindAndModifyOptions.options().returnNew(true), Document.class, markers.collection());
        Object id = claimed == null ? null : claimed.get("_id");
        return id == null ? null : new Claim(id, until);
    }

    /** A marker this relay holds until {@code until}; no other replica claims it before then. */
    private record Claim(Object id, Instant until) {
    }

    /** Marks every aggregate with waiting events that has no marker (a crash between the two writes, an upgrade). */
    private void sweepIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(sweepInterval);
        int marked = 0;
        for (Document pending : mongo.getCollection(collection).find(Filters.exists(OUTBOX + ".0"))
                .projection(Projections.include("_id"))) {
            Object id = pending.get("_id");
            if (id != null && !markers.isMarked(id)) {
                markers.mark(id);
                marked++;
            }
        }
        if (marked > 0) {
            log.info("Outbox sweep of {}: {} aggregate(s) with waiting events had no marker; marked", collection,
                    marked);
        }
    }

    private int publish(Claim claim, Object aggregate) {
        Object id = claim.id();
        String key = source.key(aggregate);
        List<String> sent = new ArrayList<>();
        try {
            for (OutboxMessage event : source.pending(aggregate)) {
                if (clock.instant().plus(SEND_TIMEOUT).isAfter(claim.until())) {
                    // A send that started now could outlast the lease, and another replica could then publish the
                    // same event: leave the rest for the next claim.
                    log.warn("Lease on {} {} runs out; the rest of its events wait for the next round", collection,
                            key);
                    break;
                }
                CloudEvent<?> cloudEvent = new CloudEvent<>(CloudEvent.SPEC_VERSION, event.id(), source.source(),
                        event.type(), key, event.time(), CloudEvent.JSON, event.data());
                ProducerRecord<String, String> record = new ProducerRecord<>(source.topic(), key,
                        json.writeValueAsString(cloudEvent));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.US_ASCII));
                String traceparent = event.traceparent();
                if (traceparent != null) {
                    record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
                }
                kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                sent.add(event.id());
            }
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Publishing events of {} {} failed, will retry: {}", collection, key, e.toString());
        }
        if (!sent.isEmpty()) {
            mongo.getCollection(collection).updateOne(Filters.eq("_id", id),
                    Updates.pullByFilter(new Document(OUTBOX, new Document(eventIdField, new Document("$in", sent)))));
        }
        markers.settle(id, LEASE_FIELD);
        return sent.size();
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "outbox-relay-" + collection));
        worker = started;
        started.scheduleWithFixedDelay(this::wakeUp, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = worker;
        worker = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
