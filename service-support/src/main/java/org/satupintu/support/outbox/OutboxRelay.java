package org.satupintu.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.events.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events waiting in a service's aggregates (its {@link OutboxSource}) as CloudEvents structured JSON
 * and removes them once Kafka acknowledged them. A replica claims an aggregate with a short lease before publishing,
 * so several replicas do not publish the same events at once; if Kafka is down the events simply wait. Delivery is
 * at-least-once: a crash between send and removal republishes the same event id, which consumers de-duplicate.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String OUTBOX = "outbox";
    static final String LEASE_FIELD = "outboxLease";

    private final OutboxSource<Object> source;
    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final int batch;
    private final String collection;
    private final String eventIdField;
    private final MongoPersistentEntity<?> aggregateEntity;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private @Nullable ScheduledExecutorService worker;

    @SuppressWarnings("unchecked")
    public OutboxRelay(OutboxSource<?> source, MongoTemplate mongo, KafkaTemplate<String, String> kafka,
            JsonMapper json, Clock clock, Duration pollInterval, Duration lease, int batch) {
        this.source = (OutboxSource<Object>) source;
        this.mongo = mongo;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.batch = batch;
        this.collection = mongo.getCollectionName(source.aggregateType());
        this.aggregateEntity = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(source.aggregateType());
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
        int published = 0;
        for (int i = 0; i < batch; i++) {
            Object claimed = claimNext();
            if (claimed == null) {
                break;
            }
            int sent = publish(claimed);
            published += sent;
            if (sent < source.pending(claimed).size()) {
                break; // Kafka trouble: try again on the next round.
            }
        }
        return published;
    }

    /*
     * The relay works on raw documents of the collection, not through the mapped entity: Spring Data would bump the
     * aggregate's @Version on every update, and a client's If-Match would then fail for a change it cannot see.
     */
    private @Nullable Object claimNext() {
        var now = clock.instant();
        Query query = Query.query(Criteria.where(OUTBOX + ".0").exists(true)
                .orOperator(Criteria.where(LEASE_FIELD).exists(false), Criteria.where(LEASE_FIELD).lt(now)));
        Document claimed = mongo.findAndModify(query, new Update().set(LEASE_FIELD, now.plus(lease)),
                FindAndModifyOptions.options().returnNew(true), Document.class, collection);
        return claimed == null ? null : mongo.getConverter().read(source.aggregateType(), claimed);
    }

    private int publish(Object aggregate) {
        String key = source.key(aggregate);
        List<String> sent = new ArrayList<>();
        try {
            for (OutboxMessage event : source.pending(aggregate)) {
                CloudEvent<?> cloudEvent = new CloudEvent<>(CloudEvent.SPEC_VERSION, event.id(), source.source(),
                        event.type(), key, event.time(), CloudEvent.JSON, event.data());
                ProducerRecord<String, String> record = new ProducerRecord<>(source.topic(), key,
                        json.writeValueAsString(cloudEvent));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.US_ASCII));
                String traceparent = event.traceparent();
                if (traceparent != null) {
                    record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
                }
                kafka.send(record).get(15, TimeUnit.SECONDS);
                sent.add(event.id());
            }
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Publishing events of {} {} failed, will retry: {}", collection, key, e.toString());
        }
        Object id = aggregateEntity.getIdentifierAccessor(aggregate).getIdentifier();
        Update done = new Update().pull(OUTBOX, Query.query(Criteria.where(eventIdField).in(sent)))
                .unset(LEASE_FIELD);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), done, collection);
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
