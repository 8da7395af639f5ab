package org.satupintu.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** The delivery log in MongoDB: idempotent enqueue, leased claims for the dispatcher, outcomes, paged reads. */
@Service
public class DeliveryLog {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final DeliveryProperties properties;

    DeliveryLog(MongoTemplate mongo, Clock clock, DeliveryProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
        mongo.indexOps(Delivery.class).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC));
        mongo.indexOps(Delivery.class).createIndex(new Index().on("subscriptionId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC));
    }

    /** What to send; the log adds status, attempts and times. */
    public record NewDelivery(Channel channel, String recipient, String address, String eventId, String eventType,
            String applicationId, @Nullable String registrationNumber, @Nullable String officeCode,
            @Nullable String subscriptionId, @Nullable String subject, String body) {
    }

    /** The deterministic id of (event, recipient, channel): the de-duplication key. */
    public static String idOf(String eventId, String recipient, Channel channel) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + recipient + "\n" + channel.name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return false if this (event, recipient, channel) was enqueued before */
    public boolean enqueue(NewDelivery d) {
        return insert(d, DeliveryStatus.PENDING, null);
    }

    /** Records a send that cannot even be tried (e.g. a phone number that is not one), so the log shows it. */
    public boolean recordHopeless(NewDelivery d, String reason) {
        return insert(d, DeliveryStatus.FAILED_PERMANENT, reason);
    }

    private boolean insert(NewDelivery d, DeliveryStatus status, @Nullable String error) {
        String id = idOf(d.eventId(), d.recipient(), d.channel());
        Instant now = clock.instant();
        try {
            mongo.insert(new Delivery(id, d.channel(), d.recipient(), d.address(), d.eventId(), d.eventType(),
                    d.applicationId(), d.registrationNumber(), d.officeCode(), d.subscriptionId(), d.subject(),
                    d.body(), status, 0, error, null, now, now, now.plus(properties.deadline()), null, null, now,
                    false));
            return true;
        }
        catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for this replica; the lease keeps other replicas off them. Candidates
     * come from one query, then each is claimed by id only if still due and unleased (another replica may have won).
     */
    public List<Delivery> claimDue(int limit) {
        Instant now = clock.instant();
        Query due = Query.query(dueCriteria(now)).with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        List<Delivery> claimed = new java.util.ArrayList<>();
        for (org.bson.Document candidate : mongo.find(due, org.bson.Document.class, "deliveries")) {
            Query mine = Query.query(new Criteria().andOperator(Criteria.where("_id").is(candidate.get("_id")),
                    dueCriteria(now)));
            Delivery delivery = mongo.findAndModify(mine, new Update().set("leaseUntil", now.plus(properties.lease())),
                    FindAndModifyOptions.options().returnNew(true), Delivery.class);
            if (delivery != null) {
                claimed.add(delivery);
            }
        }
        return claimed;
    }

    private static Criteria dueCriteria(Instant now) {
        return new Criteria().andOperator(
                Criteria.where("status").in(DeliveryStatus.PENDING.name(), DeliveryStatus.FAILED_TEMPORARY.name()),
                Criteria.where("nextAttemptAt").lte(now),
                new Criteria().orOperator(Criteria.where("leaseUntil").isNull(), Criteria.where("leaseUntil").lt(now)));
    }

    /** Claims a permanently failed delivery whose failure event is not yet published. */
    @Nullable Delivery claimUnreported() {
        Instant now = clock.instant();
        Query query = Query.query(Criteria.where("status").is(DeliveryStatus.FAILED_PERMANENT)
                .and("failureReported").is(false)
                .orOperator(Criteria.where("leaseUntil").isNull(), Criteria.where("leaseUntil").lt(now)));
        return mongo.findAndModify(query, new Update().set("leaseUntil", now.plus(properties.lease())),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
    }

    void markReported(String id) {
        mongo.updateFirst(byId(id), new Update().set("failureReported", true).unset("leaseUntil"), Delivery.class);
    }

    void markSent(Delivery d, @Nullable Integer statusCode) {
        Instant now = clock.instant();
        mongo.updateFirst(byId(d.id()), new Update().set("status", DeliveryStatus.SENT).inc("attempts", 1)
                .set("deliveredAt", now).set("updatedAt", now).set("lastStatusCode", statusCode)
                .set("lastError", null).unset("leaseUntil"), Delivery.class);
    }

    /** @return the status it now has: FAILED_TEMPORARY with a next attempt, or FAILED_PERMANENT */
    DeliveryStatus markFailed(Delivery d, DeliveryException failure) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        Instant next = now.plus(properties.backoffAfter(attempts));
        boolean giveUp = failure.permanent() || !next.isBefore(d.deadline());
        DeliveryStatus status = giveUp ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.FAILED_TEMPORARY;
        String error = giveUp && !failure.permanent() ? "deadline passed; last error: " + failure.getMessage()
                : failure.getMessage();
        mongo.updateFirst(byId(d.id()), new Update().set("status", status).inc("attempts", 1)
                .set("lastError", error).set("lastStatusCode", failure.statusCode()).set("nextAttemptAt", next)
                .set("updatedAt", now).unset("leaseUntil"), Delivery.class);
        return status;
    }

    /** Makes the waiting deliveries of a subscription due now (after it was resumed). */
    public void retryNow(String subscriptionId) {
        mongo.updateMulti(Query.query(Criteria.where("subscriptionId").is(subscriptionId)
                .and("status").in(DeliveryStatus.PENDING, DeliveryStatus.FAILED_TEMPORARY)),
                new Update().set("nextAttemptAt", clock.instant()), Delivery.class);
    }

    /** Gives up the waiting deliveries of a deleted subscription. */
    public void abandon(String subscriptionId, String reason) {
        mongo.updateMulti(Query.query(Criteria.where("subscriptionId").is(subscriptionId)
                .and("status").in(DeliveryStatus.PENDING, DeliveryStatus.FAILED_TEMPORARY)),
                new Update().set("status", DeliveryStatus.FAILED_PERMANENT).set("lastError", reason)
                        .set("failureReported", true).set("updatedAt", clock.instant()), Delivery.class);
    }

    public Page<Delivery> ofSubscription(String subscriptionId, Pageable pageable) {
        Query query = Query.query(Criteria.where("subscriptionId").is(subscriptionId));
        long total = mongo.count(query, Delivery.class);
        Pageable sorted = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                Sort.by(Sort.Direction.DESC, "createdAt"));
        List<Delivery> content = mongo.find(query.with(sorted), Delivery.class);
        return new PageImpl<>(content, sorted, total);
    }

    public List<Delivery> ofEvent(String eventId) {
        return mongo.find(Query.query(Criteria.where("eventId").is(eventId)), Delivery.class);
    }

    public @Nullable Delivery find(String id) {
        return mongo.findById(id, Delivery.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
