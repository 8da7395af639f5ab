package org.satupintu.application.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.readmodel.BucketStore;
import org.satupintu.support.readmodel.BucketStore.Bucket;
import org.satupintu.support.readmodel.BucketStore.BucketRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The read model of the applications lists and statistics (collection {@code application_views}): one small entry
 * per application (state, permit type, the sortable dates, registration number, applicant name) in the applicant's
 * scope {@code a:<applicant id>} and in the office's scope {@code o:<office code>}, bucketed by the month the
 * application was created, each bucket with a summary (counts by state, due dates of the files the office holds,
 * days to decision) so the statistics and the totals of a page come from summaries, not from applications.
 * <p>
 * Kept up to date in the same code path that saves an application (a Spring Data save event, synchronously, so a
 * caller reads their own write). The applications collection stays the source of truth; an entry never replaces a
 * newer one (the application's version decides), so writers may finish in any order. Repair: a marker is written
 * before each save and removed after the entries were written; markers older than a minute (a crash in between)
 * are re-derived by {@link #repair()}, every 30 s and at start. The whole read model is rebuilt from the
 * applications at start when it is missing (an upgrade), see {@link #rebuildIfMissing()}.
 */
@Component
public class ApplicationViews {

    static final String COLLECTION = "application_views";
    private static final Logger log = LoggerFactory.getLogger(ApplicationViews.class);
    private static final String OFFICES = "offices";
    /** Raised when the entry's shape changes, so that start-up rebuilds the read model. */
    private static final int SCHEMA = 3;
    /** Shards per scope and month (see {@link BucketStore#shardKey}). */
    static final int SHARDS = 16;
    private static final Duration STALE_MARKER = Duration.ofSeconds(60);

    private final MongoTemplate mongo;
    private final BucketStore store;
    private final ThreadLocal<Map<String, String>> markers = ThreadLocal.withInitial(HashMap::new);
    private volatile boolean ready;
    private final java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean();

    /** One replica at a time rebuilds or repairs (the others read the applications collection meanwhile). */
    private final org.satupintu.support.schedule.SingleRun singleRun;

    ApplicationViews(MongoTemplate mongo, org.satupintu.support.schedule.SingleRun singleRun) {
        this.mongo = mongo;
        this.store = new BucketStore(mongo, COLLECTION, ApplicationViews::summarize);
        this.singleRun = singleRun;
    }

    /** The rebuild of 100k applications takes minutes on the embedded store; a lock outlives a dead replica this long. */
    private static final java.time.Duration REBUILD_LOCK = java.time.Duration.ofMinutes(30);

    BucketStore store() {
        return store;
    }

    // ---- entries ------------------------------------------------------------------------------------------------

    /** Entry fields (short names: thousands of entries travel per office read). */
    static final String VERSION = "v", STATE = "s", TYPE = "t", OFFICE = "o", APPLICANT = "a", NAME = "n",
            REGISTRATION = "r", CREATED = "c", UPDATED = "u", SUBMITTED = "sa", DUE = "d", DECIDED = "x",
            DECISION_MINUTES = "dm", LEVY_ASSESSED = "la", LEVY_PAID = "lp", LEVY_OUTSTANDING = "lo";

    static Document entryOf(PermitApplication app) {
        Document entry = new Document(VERSION, app.version() == null ? 0L : app.version())
                .append(STATE, app.state().name()).append(TYPE, app.permitTypeCode()).append(OFFICE, app.officeCode())
                .append(APPLICANT, app.applicant().id()).append(NAME, app.applicant().name());
        putIfPresent(entry, REGISTRATION, app.registrationNumber());
        putIfPresent(entry, CREATED, date(app.createdAt()));
        putIfPresent(entry, UPDATED, date(app.updatedAt()));
        putIfPresent(entry, SUBMITTED, date(app.submittedAt()));
        putIfPresent(entry, DUE, date(app.dueAt()));
        putIfPresent(entry, DECIDED, date(app.decidedAt()));
        Instant firstSubmitted = app.history().stream().filter(h -> h.action().equals("submit"))
                .map(HistoryEntry::at).findFirst().orElse(app.submittedAt());
        if (app.decidedAt() != null && firstSubmitted != null) {
            entry.append(DECISION_MINUTES, Duration.between(firstSubmitted, app.decidedAt()).toMinutes());
        }
        // The levy as the statistics count it (ApplicationQueries.Levies): not for withdrawn or rejected files.
        ApplicationLevy levy = app.levy();
        if (levy != null && app.state() != ApplicationState.WITHDRAWN && app.state() != ApplicationState.REJECTED) {
            entry.append(LEVY_ASSESSED, levy.amountIdr());
            if (levy.paidAt() != null) {
                entry.append(LEVY_PAID, levy.amountIdr());
            }
            if (app.state() == ApplicationState.AWAITING_PAYMENT) {
                entry.append(LEVY_OUTSTANDING, levy.amountIdr());
            }
        }
        return entry;
    }

    static String applicantScope(String applicantId) {
        return "a:" + applicantId;
    }

    static String officeScope(String officeCode) {
        return "o:" + officeCode;
    }

    static String monthOf(Instant createdAt) {
        return YearMonth.from(createdAt.atZone(ZoneOffset.UTC)).toString();
    }

    /** The bucket of an application: the month it was created, the shard its id falls in. */
    static String bucketOf(String applicationId, Instant createdAt) {
        return BucketStore.shardKey(monthOf(createdAt), applicationId, SHARDS);
    }

    /** Whether a decided application counts towards the median days to decision. */
    static boolean countsTowardsDecisionTime(@Nullable ApplicationState state) {
        return state == ApplicationState.ISSUED || state == ApplicationState.REJECTED;
    }

    static @Nullable ApplicationState stateOf(Document entry) {
        String name = entry.getString(STATE);
        try {
            return name == null ? null : ApplicationState.valueOf(name);
        }
        catch (IllegalArgumentException e) {
            return null; // a state this version does not know (a newer replica wrote it)
        }
    }

    /**
     * The summary of a bucket: {@code n} counts by state, {@code due} due dates (epoch ms) of the files the office
     * holds with their counts (overdue is "due before now", so it stays right as time passes), {@code dm} minutes
     * from first submission to decision with their counts (the median needs the distribution), {@code nd} the
     * applications without a due date yet (drafts: id and creation time), which sort first by due date, {@code lv}
     * the levy sums in rupiah ({@code a} assessed or billed, {@code p} paid, {@code o} awaiting payment).
     */
    static Document summarize(List<Document> entries) {
        Map<String, Integer> byState = new java.util.TreeMap<>();
        Map<String, Integer> due = new java.util.TreeMap<>();
        Map<String, Integer> decision = new java.util.TreeMap<>();
        List<Document> undue = new ArrayList<>();
        long assessed = 0;
        long paid = 0;
        long outstanding = 0;
        for (Document entry : entries) {
            assessed += entry.get(LEVY_ASSESSED) instanceof Number n ? n.longValue() : 0;
            paid += entry.get(LEVY_PAID) instanceof Number n ? n.longValue() : 0;
            outstanding += entry.get(LEVY_OUTSTANDING) instanceof Number n ? n.longValue() : 0;
            if (entry.getDate(DUE) == null) {
                undue.add(new Document(BucketStore.ENTRY_ID, entry.getString(BucketStore.ENTRY_ID)).append(CREATED,
                        entry.getDate(CREATED)));
            }
            byState.merge(entry.getString(STATE), 1, Integer::sum);
            ApplicationState state = stateOf(entry);
            Date dueAt = entry.getDate(DUE);
            if (state != null && state.officeHolds() && dueAt != null) {
                due.merge(Long.toString(dueAt.getTime()), 1, Integer::sum);
            }
            if (countsTowardsDecisionTime(state) && entry.get(DECISION_MINUTES) instanceof Number minutes) {
                decision.merge(Long.toString(minutes.longValue()), 1, Integer::sum);
            }
        }
        return new Document("n", new Document(new LinkedHashMap<>(byState)))
                .append("due", new Document(new LinkedHashMap<>(due)))
                .append("dm", new Document(new LinkedHashMap<>(decision))).append("nd", undue)
                .append("lv", new Document("a", assessed).append("p", paid).append("o", outstanding));
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** Before an application is saved: leave a marker that {@link #repair()} finds if the entries never follow. */
    void beforeSave(String applicationId) {
        Map<String, String> mine = markers.get();
        if (mine.size() > 64) {
            // Left by saves that failed (optimistic locking): their markers are swept by repair().
            mine.clear();
        }
        mine.computeIfAbsent(applicationId, store::begin);
    }

    /** After an application was saved: its entries follow, then the marker goes. */
    void afterSave(PermitApplication app) {
        project(app);
        String marker = markers.get().remove(app.id());
        if (marker != null) {
            store.done(marker);
        }
    }

    /** Writes the application's entries unless a newer version of them is there already (idempotent). */
    void project(PermitApplication app) {
        Document entry = entryOf(app);
        String bucket = bucketOf(app.id(), app.createdAt());
        for (String scope : List.of(applicantScope(app.applicant().id()), officeScope(app.officeCode()))) {
            store.update(scope, bucket, entries -> BucketStore.replaced(entries, app.id(), current -> newer(current, entry)));
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(OFFICES)), new Update().addToSet("codes", app.officeCode()),
                COLLECTION);
    }

    private static Document newer(@Nullable Document current, Document candidate) {
        if (current != null && current.get(VERSION) instanceof Number held
                && held.longValue() > candidate.get(VERSION, Number.class).longValue()) {
            return current;
        }
        return candidate;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** Every office that has applications (a registry document, kept by {@link #project}). */
    List<String> offices() {
        Document registry = mongo.findById(OFFICES, Document.class, COLLECTION);
        if (registry == null) {
            return List.of();
        }
        return registry.getList("codes", String.class, List.of()).stream().sorted().toList();
    }

    List<BucketRef> buckets(Collection<String> scopes) {
        return store.directories(scopes).values().stream().flatMap(List::stream).toList();
    }

    List<Bucket> read(List<BucketRef> refs, boolean summaryOnly) {
        return store.read(refs, summaryOnly);
    }

    /** All entries of the scopes, one per application (the newest if it is in several scopes). */
    List<Document> entries(Collection<String> scopes) {
        Map<String, Document> byId = new LinkedHashMap<>();
        for (Bucket bucket : read(buckets(scopes), false)) {
            for (Document entry : bucket.entries()) {
                byId.merge(entry.getString(BucketStore.ENTRY_ID), entry, (a, b) -> newer(a, b));
            }
        }
        return new ArrayList<>(byId.values());
    }

    <T> T reading(java.util.function.Supplier<T> read) {
        return store.reading(read);
    }

    // ---- repair and rebuild ------------------------------------------------------------------------------------

    /** Whether the read model was built (queries fall back to the applications collection until it is). */
    boolean ready() {
        if (!ready) {
            ready = store.built(SCHEMA);
        }
        return ready;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        Thread.ofVirtual().name("application-views-rebuild").start(() -> {
            try {
                singleRun.run("application-views", REBUILD_LOCK, () -> {
                    rebuildIfMissing();
                    repair();
                });
            }
            catch (RuntimeException e) {
                log.warn("Read model check at start failed; the next repair round retries", e);
            }
        });
    }

    /**
     * Every 30 s: repairs interrupted writes, and rebuilds the read model if its {@code meta} document is gone
     * (deleting it, or the whole collection, is how an operator asks for a rebuild; the benchmarks do after a bulk
     * load). Queries use the applications collection until the rebuild finished.
     */
    @Scheduled(fixedDelayString = "${satupintu.read-model.repair-interval:30s}", initialDelayString = "30s")
    void scheduledRepair() {
        ready = store.built(SCHEMA);
        singleRun.run("application-views", REBUILD_LOCK, ready ? this::repair : this::rebuildIfMissing);
    }

    /**
     * Re-derives the entries of every application whose save left a marker more than a minute ago (the writer died
     * between saving the application and writing its entries, or the save failed).
     *
     * @return how many applications were re-derived
     */
    public int repair() {
        return repair(STALE_MARKER);
    }

    int repair(Duration olderThan) {
        int repaired = store.repair(olderThan, id -> {
            PermitApplication app = mongo.findById(id, PermitApplication.class);
            if (app != null) {
                project(app);
            }
        });
        if (repaired > 0) {
            log.info("Read model: re-derived the entries of {} application(s) after interrupted writes", repaired);
        }
        return repaired;
    }

    /** Builds the read model from the applications when it is missing or of an older shape. */
    public void rebuildIfMissing() {
        if (ready() || !rebuilding.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        int count;
        try {
            if (store.clearOlderThan(SCHEMA)) {
                log.info("Read model of an older shape removed; rebuilding it");
            }
            count = rebuild();
            store.markBuilt(SCHEMA);
            ready = true;
        }
        finally {
            rebuilding.set(false);
        }
        log.info("Read model built from {} applications in {} ms", count,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Derives every entry from the applications collection (one scan for the ids, then batches) and merges them bucket by bucket, one write
     * per bucket; an entry already there with a newer version wins, so live writes during the rebuild are kept.
     *
     * @return how many applications were read
     */
    public int rebuild() {
        Map<String, Map<String, Map<String, Document>>> byScope = new HashMap<>();
        Set<String> offices = new java.util.TreeSet<>();
        int count = 0;
        Stream<PermitApplication> all = BucketStore.everyRecord(mongo, PermitApplication.class);
        for (PermitApplication app : (Iterable<PermitApplication>) all::iterator) {
            Document entry = entryOf(app);
            String bucket = bucketOf(app.id(), app.createdAt());
            for (String scope : List.of(applicantScope(app.applicant().id()), officeScope(app.officeCode()))) {
                byScope.computeIfAbsent(scope, k -> new HashMap<>()).computeIfAbsent(bucket, k -> new HashMap<>())
                        .put(app.id(), entry);
            }
            offices.add(app.officeCode());
            count++;
        }
        byScope.forEach((scope, buckets) -> buckets.forEach((bucket, derived) -> store.update(scope, bucket,
                entries -> merged(entries, derived))));
        if (!offices.isEmpty()) {
            mongo.upsert(Query.query(Criteria.where("_id").is(OFFICES)),
                    new Update().addToSet("codes").each(offices.toArray()), COLLECTION);
        }
        return count;
    }

    private static @Nullable List<Document> merged(List<Document> entries, Map<String, Document> derived) {
        Map<String, Document> result = new LinkedHashMap<>();
        entries.forEach(e -> result.put(e.getString(BucketStore.ENTRY_ID), e));
        derived.forEach((id, entry) -> result.merge(id, new Document(entry).append(BucketStore.ENTRY_ID, id),
                (held, fresh) -> newer(held, fresh)));
        List<Document> next = new ArrayList<>(result.values());
        return next.equals(entries) ? null : next;
    }

    private static void putIfPresent(Document entry, String field, @Nullable Object value) {
        if (value != null) {
            entry.append(field, value);
        }
    }

    private static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
