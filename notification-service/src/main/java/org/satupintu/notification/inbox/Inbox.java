package org.satupintu.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Stores and reads in-app notifications; storing is idempotent by the notification id. */
@Service
public class Inbox {

    private static final String COUNTERS = "counters";
    private static final String SEQUENCE = "notification-seq";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final List<Runnable> storedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Inbox(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(Notification.class).createIndex(new Index().on("recipient", Sort.Direction.ASC)
                .on("seq", Sort.Direction.DESC));
    }

    /** A notification to store: the id must be deterministic for the (event, recipient) pair. */
    public record NewNotification(String id, String recipient, String eventId, String eventType, String applicationId,
            @Nullable String registrationNumber, String title, String body, String locale) {
    }

    /** @return false if it was stored before (a redelivered event) */
    public boolean store(NewNotification n) {
        Notification notification = new Notification(n.id(), nextSeq(), n.recipient(), n.eventId(), n.eventType(),
                n.applicationId(), n.registrationNumber(), n.title(), n.body(), n.locale(), clock.instant(), null);
        try {
            mongo.insert(notification);
        }
        catch (DuplicateKeyException e) {
            return false; // a concurrent redelivery won
        }
        storedListeners.forEach(Runnable::run);
        return true;
    }

    /** Told after every new notification, e.g. to wake the live stream of this replica at once. */
    public void onStored(Runnable listener) {
        storedListeners.add(listener);
    }

    public Page<Notification> page(Collection<String> recipients, @Nullable Boolean unread, Pageable pageable) {
        Criteria criteria = Criteria.where("recipient").in(recipients);
        if (unread != null) {
            criteria = unread ? criteria.and("readAt").isNull() : criteria.and("readAt").ne(null);
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, Notification.class);
        Pageable sorted = pageable.getSort().isSorted() ? pageable
                : org.springframework.data.domain.PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                        Sort.by(Sort.Direction.DESC, "seq"));
        List<Notification> content = mongo.find(query.with(sorted), Notification.class);
        return new PageImpl<>(content, sorted, total);
    }

    /** @return false if there is no such notification for these recipients */
    public boolean markRead(String id, Collection<String> recipients) {
        Query mine = Query.query(Criteria.where("_id").is(id).and("recipient").in(recipients));
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("recipient").in(recipients)
                .and("readAt").isNull()), new Update().set("readAt", clock.instant()), Notification.class);
        return result.getMatchedCount() > 0 || mongo.exists(mine, Notification.class);
    }

    /** Notifications after {@code seq}, oldest first: what a stream client has not seen yet. */
    public List<Notification> after(Collection<String> recipients, long seq, int limit) {
        Query query = Query.query(Criteria.where("recipient").in(recipients).and("seq").gt(seq))
                .with(Sort.by(Sort.Direction.ASC, "seq")).limit(limit);
        return mongo.find(query, Notification.class);
    }

    /** Recently created ones, to catch a lower sequence number committed after a higher one (several replicas). */
    public List<Notification> createdSince(Collection<String> recipients, Instant since, int limit) {
        Query query = Query.query(Criteria.where("recipient").in(recipients).and("createdAt").gte(since))
                .with(Sort.by(Sort.Direction.ASC, "seq")).limit(limit);
        return mongo.find(query, Notification.class);
    }

    /** The highest sequence number handed out so far. */
    public long currentSeq() {
        Document counter = mongo.findById(SEQUENCE, Document.class, COUNTERS);
        return counter == null ? 0 : seqOf(counter);
    }

    private long nextSeq() {
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(SEQUENCE)),
                new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COUNTERS);
        return seqOf(java.util.Objects.requireNonNull(counter, "upsert returns the counter"));
    }

    private static long seqOf(Document counter) {
        return counter.get("seq") instanceof Number seq ? seq.longValue() : 0;
    }
}
