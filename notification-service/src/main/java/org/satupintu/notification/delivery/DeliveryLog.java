package org.satupintu.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * The delivery log in MongoDB: idempotent enqueue, leased claims for the dispatcher, outcomes, paged reads.
 *
 * <p>The work still to do lives in a small collection of its own, {@value #DUE}: one document per delivery that waits
 * for an attempt ({@code kind} {@code SEND}) or whose permanent failure is not yet reported ({@code REPORT}), with its
 * next attempt time and the claiming replica's lease. The dispatcher's polls and claims read only that collection and
 * then load each delivery by {@code _id}; the log itself ({@code deliveries}), which keeps every delivery ever made,
 * is never scanned on the way. (The embedded store uses an index only for a query whose keys are exactly the index's
 * keys, so a "due" query on the log scanned everything ever delivered, on every poll.) A delivery is written before
 * its due entry; a crash between the two is repaired by the sweep that runs at start and every
 * {@code satupintu.delivery.sweep-interval}.
 */
@Service
public class DeliveryLog {

    static final String DUE = "deliveries_due";
    private static final String SEND = "SEND";
    private static final String REPORT = "REPORT";
    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final DeliveryProperties properties;
    private volatile Instant nextSweep = Instant.MIN;

    DeliveryLog(MongoTemplate mongo, Clock clock, DeliveryProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
        mongo.indexOps(Delivery.class).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC));
        mongo.indexOps(Delivery.class).createIndex(new Index().on("subscriptionId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC));
        mongo.indexOps(DUE).createIndex(new Index().on("kind", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC));
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
        }
        catch (DuplicateKeyException e) {
            return false;
        }
        putDue(id, status == DeliveryStatus.PENDING ? SEND : REPORT, now, d.subscriptionId());
        return true;
    }

    private void putDue(String id, String kind, Instant nextAttemptAt, @Nullable String subscriptionId) {
        mongo.getCollection(DUE).replaceOne(Filters.eq("_id", id), new org.bson.Document("_id", id)
                .append("kind", kind).append("nextAttemptAt", Date.from(nextAttemptAt))
                .append("subscriptionId", subscriptionId), new ReplaceOptions().upsert(true));
    }

    private void removeDue(String id) {
        mongo.getCollection(DUE).deleteOne(Filters.eq("_id", id));
    }

    /**
     * Puts back what a crash between a delivery's write and its due entry left out: every delivery still waiting,
     * or failed and unreported, without a due entry. Runs at the dispatcher's first poll and then every
     * {@code sweepInterval}; a scan of the log, so rare.
     */
    void sweepIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(properties.sweepInterval());
        Query waiting = Query.query(new Criteria().orOperator(
                Criteria.where("status").in(DeliveryStatus.PENDING.name(), DeliveryStatus.FAILED_TEMPORARY.name()),
                Criteria.where("status").is(DeliveryStatus.FAILED_PERMANENT.name()).and("failureReported").is(false)));
        waiting.fields().include("_id", "status", "nextAttemptAt", "subscriptionId");
        int repaired = 0;
        for (org.bson.Document d : mongo.find(waiting, org.bson.Document.class, "deliveries")) {
            String id = d.getString("_id");
            if (id == null || mongo.getCollection(DUE).countDocuments(Filters.eq("_id", id)) > 0) {
                continue;
            }
            boolean send = !DeliveryStatus.FAILED_PERMANENT.name().equals(d.getString("status"));
            Date next = d.getDate("nextAttemptAt");
            putDue(id, send ? SEND : REPORT, next == null ? now : next.toInstant(), d.getString("subscriptionId"));
            repaired++;
        }
        if (repaired > 0) {
            log.info("Delivery sweep: {} waiting deliveries had no due entry; restored", repaired);
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for this replica; the lease (on the due entry) keeps other replicas
     * off them. Candidates come from one query on the due entries, then each is claimed only if still due and
     * unleased (another replica may have won), and its delivery loaded by {@code _id}.
     */
    public List<Delivery> claimDue(int limit) {
        sweepIfDue();
        Instant now = clock.instant();
        Query due = Query.query(dueCriteria(SEND, now)).with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        List<Delivery> claimed = new java.util.ArrayList<>();
        for (org.bson.Document candidate : mongo.find(due, org.bson.Document.class, DUE)) {
            Delivery delivery = claim(candidate.get("_id"), SEND, now);
            if (delivery != null) {
                claimed.add(delivery);
            }
        }
        return claimed;
    }

    private @Nullable Delivery claim(@Nullable Object id, String kind, Instant now) {
        if (id == null) {
            return null;
        }
        Query mine = Query.query(new Criteria().andOperator(Criteria.where("_id").is(id), dueCriteria(kind, now)));
        org.bson.Document entry = mongo.findAndModify(mine, new Update().set("leaseUntil", now.plus(properties.lease())),
                FindAndModifyOptions.options().returnNew(true), org.bson.Document.class, DUE);
        if (entry == null) {
            return null;
        }
        Delivery delivery = mongo.findById(id, Delivery.class);
        boolean stillDue = delivery != null && (SEND.equals(kind)
                ? delivery.status() == DeliveryStatus.PENDING || delivery.status() == DeliveryStatus.FAILED_TEMPORARY
                : delivery.status() == DeliveryStatus.FAILED_PERMANENT && !delivery.failureReported());
        if (!stillDue) {
            // Finished meanwhile (or abandoned): the entry has nothing left to do.
            removeDue(String.valueOf(id));
            return null;
        }
        return delivery;
    }

    private static Criteria dueCriteria(String kind, Instant now) {
        return new Criteria().andOperator(Criteria.where("kind").is(kind), Criteria.where("nextAttemptAt").lte(now),
                new Criteria().orOperator(Criteria.where("leaseUntil").isNull(), Criteria.where("leaseUntil").lt(now)));
    }

    /** Claims a permanently failed delivery whose failure event is not yet published. */
    @Nullable Delivery claimUnreported() {
        Instant now = clock.instant();
        Query query = Query.query(dueCriteria(REPORT, now)).limit(1);
        query.fields().include("_id");
        for (org.bson.Document candidate : mongo.find(query, org.bson.Document.class, DUE)) {
            Delivery delivery = claim(candidate.get("_id"), REPORT, now);
            if (delivery != null) {
                return delivery;
            }
        }
        return null;
    }

    void markReported(String id) {
        mongo.updateFirst(byId(id), new Update().set("failureReported", true).unset("leaseUntil"), Delivery.class);
        removeDue(id);
    }

    void markSent(Delivery d, @Nullable Integer statusCode) {
        Instant now = clock.instant();
        mongo.updateFirst(byId(d.id()), new Update().set("status", DeliveryStatus.SENT).inc("attempts", 1)
                .set("deliveredAt", now).set("updatedAt", now).set("lastStatusCode", statusCode)
                .set("lastError", null).unset("leaseUntil"), Delivery.class);
        removeDue(d.id());
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
        putDue(d.id(), giveUp ? REPORT : SEND, giveUp ? now : next, d.subscriptionId());
        return status;
    }

    /** Makes the waiting deliveries of a subscription due now (after it was resumed). */
    public void retryNow(String subscriptionId) {
        Instant now = clock.instant();
        List<Object> ids = waitingOf(subscriptionId);
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().set("nextAttemptAt", now),
                Delivery.class);
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().set("nextAttemptAt", now), DUE);
    }

    /** The ids of a subscription's deliveries that wait for an attempt (from the due entries, not the log). */
    private List<Object> waitingOf(String subscriptionId) {
        Query query = Query.query(Criteria.where("subscriptionId").is(subscriptionId).and("kind").is(SEND));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, DUE).stream().map(d -> d.get("_id"))
                .filter(java.util.Objects::nonNull).map(Object.class::cast).toList();
    }

    /** Gives up the waiting deliveries of a deleted subscription. */
    public void abandon(String subscriptionId, String reason) {
        List<Object> ids = waitingOf(subscriptionId);
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)
                .and("status").in(DeliveryStatus.PENDING, DeliveryStatus.FAILED_TEMPORARY)),
                new Update().set("status", DeliveryStatus.FAILED_PERMANENT).set("lastError", reason)
                        .set("failureReported", true).set("updatedAt", clock.instant()), Delivery.class);
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), DUE);
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
