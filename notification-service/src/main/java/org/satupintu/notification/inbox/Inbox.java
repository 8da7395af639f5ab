package org.satupintu.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.schedule.SingleRun;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Inbox.class);

    private static final String COUNTERS = "counters";
    private static final String SEQUENCE = "notification-seq";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final InboxViews views;
    /** One replica at a time rebuilds or repairs the read model. */
    private final SingleRun singleRun;
    /** A rebuild of 100k notifications takes minutes on the embedded store; a dead replica's lock lasts this long. */
    private static final java.time.Duration REBUILD_LOCK = java.time.Duration.ofMinutes(30);
    private final List<Runnable> storedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With its own lock client on the same store (tests construct it so). */
    public Inbox(MongoTemplate mongo, Clock clock) {
        this(mongo, clock, new SingleRun(mongo.getCollection(SingleRun.COLLECTION)));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public Inbox(MongoTemplate mongo, Clock clock, SingleRun singleRun) {
        this.mongo = mongo;
        this.clock = clock;
        this.views = new InboxViews(mongo);
        this.singleRun = singleRun;
        // For the fallbacks on a real MongoDB (other sort orders, before the read model is built).
        mongo.indexOps(Notification.class).createIndex(new Index().on("recipient", Sort.Direction.ASC)
                .on("seq", Sort.Direction.DESC));
    }

    /** A notification to store: the id must be deterministic for the (event, recipient) pair. */
    public record NewNotification(String id, String recipient, String eventId, String eventType, String applicationId,
            @Nullable String registrationNumber, String title, String body, String locale) {
    }

    /**
     * Stores the notification and its inbox entry (a marker covers a crash in between, see {@link InboxViews}).
     *
     * @return false if it was stored before (a redelivered event)
     */
    public boolean store(NewNotification n) {
        Notification notification = new Notification(n.id(), nextSeq(), n.recipient(), n.eventId(), n.eventType(),
                n.applicationId(), n.registrationNumber(), n.title(), n.body(), n.locale(), clock.instant(), null);
        String marker = views.begin(n.id());
        try {
            mongo.insert(notification);
        }
        catch (DuplicateKeyException e) {
            // A redelivery (or a concurrent one won): make sure the first one's entry is there too.
            Notification first = mongo.findById(n.id(), Notification.class);
            if (first != null) {
                views.project(first);
            }
            views.done(marker);
            return false;
        }
        views.project(notification);
        views.done(marker);
        storedListeners.forEach(Runnable::run);
        return true;
    }

    /** Told after every new notification, e.g. to wake the live stream of this replica at once. */
    public void onStored(Runnable listener) {
        storedListeners.add(listener);
    }

    /** Newest first unless asked otherwise; from the read model for the orders it keeps (sequence, creation time). */
    public Page<Notification> page(Collection<String> recipients, @Nullable Boolean unread, Pageable pageable) {
        Pageable sorted = pageable.getSort().isSorted() ? pageable
                : org.springframework.data.domain.PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                        Sort.by(Sort.Direction.DESC, "seq"));
        Page<Notification> fromViews = views.page(recipients, unread, sorted);
        return fromViews != null ? fromViews : pageFromCollection(recipients, unread, sorted);
    }

    Page<Notification> pageFromCollection(Collection<String> recipients, @Nullable Boolean unread, Pageable sorted) {
        Criteria criteria = Criteria.where("recipient").in(recipients);
        if (unread != null) {
            criteria = unread ? criteria.and("readAt").isNull() : criteria.and("readAt").ne(null);
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, Notification.class);
        List<Notification> content = mongo.find(query.with(sorted), Notification.class);
        return new PageImpl<>(content, sorted, total);
    }

    /**
     * Looked up by id alone (a lookup in either store); {@code $min} keeps the first read time when two marks race
     * (the field is absent until read).
     *
     * @return false if there is no such notification for these recipients
     */
    public boolean markRead(String id, Collection<String> recipients) {
        Notification n = mongo.findById(id, Notification.class);
        if (n == null || !recipients.contains(n.recipient())) {
            return false;
        }
        if (n.readAt() == null) {
            String marker = views.begin(id);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().min("readAt", clock.instant()),
                    Notification.class);
            Notification read = mongo.findById(id, Notification.class);
            views.project(read != null ? read : n);
            views.done(marker);
        }
        return true;
    }

    /** Notifications after {@code seq}, oldest first: what a stream client has not seen yet. */
    public List<Notification> after(Collection<String> recipients, long seq, int limit) {
        List<Notification> fromViews = views.after(recipients, seq, limit);
        if (fromViews != null) {
            return fromViews;
        }
        Query query = Query.query(Criteria.where("recipient").in(recipients).and("seq").gt(seq))
                .with(Sort.by(Sort.Direction.ASC, "seq")).limit(limit);
        return mongo.find(query, Notification.class);
    }

    /** Recently created ones, to catch a lower sequence number committed after a higher one (several replicas). */
    public List<Notification> createdSince(Collection<String> recipients, Instant since, int limit) {
        List<Notification> fromViews = views.createdSince(recipients, since, limit);
        if (fromViews != null) {
            return fromViews;
        }
        Query query = Query.query(Criteria.where("recipient").in(recipients).and("createdAt").gte(since))
                .with(Sort.by(Sort.Direction.ASC, "seq")).limit(limit);
        return mongo.find(query, Notification.class);
    }

    /** Builds the inbox read model from the notifications if it is missing (an upgrade), then repairs. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void atStart() {
        Thread.ofVirtual().name("inbox-views-rebuild").start(() -> {
            try {
                singleRun.run("inbox-views", REBUILD_LOCK, () -> {
                    views.rebuildIfMissing();
                    views.repair();
                });
            }
            catch (RuntimeException e) {
                log.warn("Inbox read model check at start failed; the next repair round retries", e);
            }
        });
    }

    /**
     * Re-derives entries whose write was interrupted (markers older than a minute); rebuilds the read model if its
     * {@code meta} document was deleted (how an operator, or a benchmark after a bulk load, asks for a rebuild).
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${satupintu.read-model.repair-interval:30s}", initialDelayString = "30s")
    void scheduledRepair() {
        boolean built = views.recheck();
        singleRun.run("inbox-views", REBUILD_LOCK, built ? views::repair : views::rebuildIfMissing);
    }

    InboxViews views() {
        return views;
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
