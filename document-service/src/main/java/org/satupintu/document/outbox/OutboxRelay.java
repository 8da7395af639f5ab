package org.satupintu.document.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.satupintu.document.storage.OutboxEvent;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events waiting in document records to {@code satupintu.document.events} (key = application id,
 * CloudEvents structured JSON) and removes them once Kafka acknowledged them. A replica claims a record with a
 * short lease before publishing, so several replicas do not publish the same events at once; if Kafka is down the
 * events simply wait. Delivery is at-least-once: consumers de-duplicate by event id.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    public static final String SOURCE = "/satupintu/document-service";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 100;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final String collection;
    private final String eventIdField;

    OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.collection = mongo.getCollectionName(StoredDocument.class);
        // How MongoDB names OutboxEvent.id inside the array, as the mapping writes it.
        this.eventIdField = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(OutboxEvent.class)
                .getRequiredPersistentProperty("id").getFieldName();
    }

    /** Publish soon, without making the request wait for Kafka. */
    public void wakeUp() {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                publishPending();
            });
        }
    }

    @Scheduled(fixedDelayString = "${satupintu.outbox.poll-interval:1s}")
    void poll() {
        wakeUp();
    }

    /** @return how many events were published in this round */
    public int publishPending() {
        int published = 0;
        for (int i = 0; i < BATCH; i++) {
            StoredDocument claimed = claimNext();
            if (claimed == null) {
                break;
            }
            int sent = publish(claimed);
            published += sent;
            if (sent < claimed.outbox().size()) {
                break; // Kafka trouble: try again on the next round.
            }
        }
        return published;
    }

    /*
     * Raw documents of the collection, not the mapped entity: Spring Data would bump @Version on every update, and
     * a user's write racing the relay would fail for a change it cannot see.
     */
    private StoredDocument claimNext() {
        var now = clock.instant();
        Query query = Query.query(Criteria.where("outbox.0").exists(true)
                .orOperator(Criteria.where("outboxLease").exists(false), Criteria.where("outboxLease").lt(now)));
        org.bson.Document claimed = mongo.findAndModify(query, new Update().set("outboxLease", now.plus(LEASE)),
                FindAndModifyOptions.options().returnNew(true), org.bson.Document.class, collection);
        return claimed == null ? null : mongo.getConverter().read(StoredDocument.class, claimed);
    }

    private int publish(StoredDocument doc) {
        List<String> sent = new ArrayList<>();
        try {
            for (OutboxEvent event : doc.outbox()) {
                CloudEvent<?> cloudEvent = new CloudEvent<>(CloudEvent.SPEC_VERSION, event.id(), SOURCE, event.type(),
                        doc.applicationId(), event.time(), CloudEvent.JSON, event.data());
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DOCUMENT_EVENTS,
                        doc.applicationId(), json.writeValueAsString(cloudEvent));
                record.headers().add("content-type", "application/cloudevents+json".getBytes());
                if (event.traceparent() != null) {
                    record.headers().add("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
                }
                kafka.send(record).get(15, TimeUnit.SECONDS);
                sent.add(event.id());
            }
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Publishing events of document {} failed, will retry: {}", doc.id(), e.toString());
        }
        Update done = new Update().pull("outbox", Query.query(Criteria.where(eventIdField).in(sent)))
                .unset("outboxLease");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.id())), done, collection);
        return sent.size();
    }
}
