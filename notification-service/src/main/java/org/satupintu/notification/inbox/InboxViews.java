package org.satupintu.notification.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.readmodel.BucketStore;
import org.satupintu.support.readmodel.BucketStore.Bucket;
import org.satupintu.support.readmodel.BucketStore.BucketRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The inbox read model (collection {@code notification_views}): per recipient key and month of creation, one small
 * entry per notification (sequence number, creation time, read or not), each bucket with a summary (count, unread
 * count, highest sequence number). A page of the newest, the unread count and the live stream's "what is new" are
 * answered from summaries and the few buckets that hold the answer, then the notifications by {@code _id $in}.
 * The notifications collection stays the source of truth; a crash between storing a notification and its entry is
 * repaired from the marker it leaves ({@link #repair()}), and the model is built from the notifications when missing.
 */
final class InboxViews {

    static final String COLLECTION = "notification_views";
    private static final Logger log = LoggerFactory.getLogger(InboxViews.class);
    private static final int SCHEMA = 2;
    /** Shards per recipient and month (see {@link BucketStore#shardKey}): an office's officer gets one per filing. */
    static final int SHARDS = 8;
    private static final String SEQ = "q", CREATED = "c", READ = "r";

    private final MongoTemplate mongo;
    private final BucketStore store;
    private volatile boolean ready;
    private final java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean();

    InboxViews(MongoTemplate mongo) {
        this.mongo = mongo;
        this.store = new BucketStore(mongo, COLLECTION, InboxViews::summarize);
    }

    BucketStore store() {
        return store;
    }

    static Document summarize(List<Document> entries) {
        long unread = entries.stream().filter(e -> !Boolean.TRUE.equals(e.getBoolean(READ))).count();
        long highest = entries.stream().mapToLong(e -> e.get(SEQ, Number.class).longValue()).max().orElse(0);
        return new Document("n", entries.size()).append("u", unread).append("mq", highest);
    }

    static String monthOf(Instant createdAt) {
        return YearMonth.from(createdAt.atZone(ZoneOffset.UTC)).toString();
    }

    /** The bucket of a notification: the month it was created, the shard its id falls in. */
    static String bucketOf(String notificationId, Instant createdAt) {
        return BucketStore.shardKey(monthOf(createdAt), notificationId, SHARDS);
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    String begin(String notificationId) {
        return store.begin(notificationId);
    }

    void done(String marker) {
        store.done(marker);
    }

    /** Writes (or rewrites) the entry of a stored notification; idempotent. */
    void project(Notification n) {
        Document entry = new Document(SEQ, n.seq()).append(CREATED, Date.from(n.createdAt()))
                .append(READ, n.readAt() != null);
        // Read is for good: an older copy (a redelivery racing a mark-read) never makes it unread again.
        store.update(n.recipient(), bucketOf(n.id(), n.createdAt()), entries -> BucketStore.replaced(entries, n.id(),
                current -> current != null && Boolean.TRUE.equals(current.getBoolean(READ))
                        ? new Document(entry).append(READ, true) : entry));
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    boolean ready() {
        if (!ready) {
            ready = store.built(SCHEMA);
        }
        return ready;
    }

    /** Looks again whether the model is built (it may have been deleted to ask for a rebuild). */
    boolean recheck() {
        ready = store.built(SCHEMA);
        return ready;
    }

    /**
     * A page newest (or oldest) first by sequence number or creation time; null if the order asked for is another
     * one (the collection answers those).
     */
    @Nullable Page<Notification> page(Collection<String> recipients, @Nullable Boolean unread, Pageable sorted) {
        List<Sort.Order> orders = sorted.getSort().toList();
        if (!ready() || orders.size() != 1
                || !List.of("seq", "createdAt").contains(orders.get(0).getProperty())) {
            return null;
        }
        Sort.Order order = orders.get(0);
        boolean ascending = order.isAscending();
        return store.reading(() -> {
            TreeMap<String, List<Bucket>> byMonth = BucketStore.byPeriod(store.read(refs(recipients), true));
            long offset = sorted.getOffset();
            long end = offset + sorted.getPageSize();
            long total = 0;
            long before = 0;
            List<BucketRef> needed = new ArrayList<>();
            for (List<Bucket> month : (ascending ? byMonth : byMonth.descendingMap()).values()) {
                long count = month.stream().mapToLong(b -> count(b.summary(), unread)).sum();
                if (count > 0 && total + count > offset && total < end) {
                    if (needed.isEmpty()) {
                        before = total;
                    }
                    month.forEach(b -> needed.add(new BucketRef(b.scope(), b.key(), b.version())));
                }
                total += count;
            }
            Comparator<Document> comparator = order.getProperty().equals("seq") ? bySeq()
                    : Comparator.comparing((Document e) -> e.getDate(CREATED)).thenComparing(bySeq());
            List<Document> entries = entries(needed, e -> unread == null
                    || unread != Boolean.TRUE.equals(e.getBoolean(READ)))
                    .sorted(ascending ? comparator : comparator.reversed()).toList();
            int from = (int) Math.min(entries.size(), Math.max(0, offset - before));
            List<Document> slice = entries.subList(from, Math.min(entries.size(), from + sorted.getPageSize()));
            return new PageImpl<>(fetch(slice), sorted, total);
        });
    }

    /** Notifications with a sequence number above {@code seq}, lowest first; null before the model is built. */
    @Nullable List<Notification> after(Collection<String> recipients, long seq, int limit) {
        if (!ready()) {
            return null;
        }
        return store.reading(() -> {
            List<BucketRef> newer = store.read(refs(recipients), true).stream()
                    .filter(b -> b.summary().get("mq", Number.class) != null
                            && b.summary().get("mq", Number.class).longValue() > seq)
                    .map(b -> new BucketRef(b.scope(), b.key(), b.version())).toList();
            return fetch(entries(newer, e -> e.get(SEQ, Number.class).longValue() > seq).sorted(bySeq())
                    .limit(limit).toList());
        });
    }

    /** Notifications created at or after {@code since}, lowest sequence number first; null before the model is built. */
    @Nullable List<Notification> createdSince(Collection<String> recipients, Instant since, int limit) {
        if (!ready()) {
            return null;
        }
        String fromMonth = monthOf(since);
        Date from = Date.from(since);
        return store.reading(() -> {
            List<BucketRef> recent = refs(recipients).stream()
                    .filter(r -> BucketStore.periodOf(r.key()).compareTo(fromMonth) >= 0).toList();
            return fetch(entries(recent, e -> !e.getDate(CREATED).before(from)).sorted(bySeq()).limit(limit)
                    .toList());
        });
    }

    private List<BucketRef> refs(Collection<String> recipients) {
        return store.directories(recipients).values().stream().flatMap(List::stream).toList();
    }

    private Stream<Document> entries(List<BucketRef> refs, Predicate<Document> filter) {
        return store.read(refs, false).stream().flatMap(b -> b.entries().stream()).filter(filter);
    }

    private static Comparator<Document> bySeq() {
        return Comparator.comparingLong(e -> e.get(SEQ, Number.class).longValue());
    }

    private static long count(Document summary, @Nullable Boolean unread) {
        long all = summary.get("n", Number.class) == null ? 0 : summary.get("n", Number.class).longValue();
        long notRead = summary.get("u", Number.class) == null ? 0 : summary.get("u", Number.class).longValue();
        return unread == null ? all : unread ? notRead : all - notRead;
    }

    private List<Notification> fetch(List<Document> entries) {
        List<String> ids = entries.stream().map(e -> e.getString(BucketStore.ENTRY_ID)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Notification> found = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class).forEach(n -> found.put(n.id(), n));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    // ---- repair and rebuild ------------------------------------------------------------------------------------

    /** Re-derives the entries of notifications whose store was interrupted more than a minute ago. */
    int repair() {
        return repair(Duration.ofSeconds(60));
    }

    int repair(Duration olderThan) {
        int repaired = store.repair(olderThan, id -> {
            Notification n = mongo.findById(id, Notification.class);
            if (n != null) {
                project(n);
            }
        });
        if (repaired > 0) {
            log.info("Inbox read model: re-derived {} notification(s) after interrupted writes", repaired);
        }
        return repaired;
    }

    /** Builds the read model from the notifications (one scan, one write per bucket) when it is missing. */
    void rebuildIfMissing() {
        if (ready() || !rebuilding.compareAndSet(false, true)) {
            return;
        }
        try {
            rebuild();
        }
        finally {
            rebuilding.set(false);
        }
    }

    private void rebuild() {
        long started = System.nanoTime();
        if (store.clearOlderThan(SCHEMA)) {
            log.info("Inbox read model of an older shape removed; rebuilding it");
        }
        Map<String, Map<String, Map<String, Document>>> byScope = new HashMap<>();
        int count = 0;
        Stream<Notification> all = BucketStore.everyRecord(mongo, Notification.class);
        for (Notification n : (Iterable<Notification>) all::iterator) {
            byScope.computeIfAbsent(n.recipient(), k -> new HashMap<>())
                    .computeIfAbsent(bucketOf(n.id(), n.createdAt()), k -> new HashMap<>())
                    .put(n.id(), new Document(SEQ, n.seq()).append(CREATED, Date.from(n.createdAt()))
                            .append(READ, n.readAt() != null).append(BucketStore.ENTRY_ID, n.id()));
            count++;
        }
        byScope.forEach((scope, buckets) -> buckets.forEach((bucket, derived) -> store.update(scope, bucket,
                entries -> {
                    Map<String, Document> merged = new java.util.LinkedHashMap<>();
                    entries.forEach(e -> merged.put(e.getString(BucketStore.ENTRY_ID), e));
                    // a read flag set meanwhile wins; entries never lose it
                    derived.forEach((id, e) -> merged.merge(id, e, (held, fresh) -> Boolean.TRUE.equals(
                            held.getBoolean(READ)) ? held : fresh));
                    List<Document> next = new ArrayList<>(merged.values());
                    return next.equals(entries) ? null : next;
                })));
        store.markBuilt(SCHEMA);
        ready = true;
        log.info("Inbox read model built from {} notifications in {} ms", count,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
