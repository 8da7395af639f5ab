package org.satupintu.support.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Points in time at which something must be looked at again (an SLA due date, a payment due date, a reminder),
 * kept so that finding the due ones never scans the aggregates. Each entry ({@code id}, {@code at}) lives in the
 * bucket of its hour, one document {@code <kind>|<hour>} in its own collection; a cursor document
 * {@code <kind>|cursor} holds the earliest hour that may still hold entries. {@link #due} reads the buckets from the
 * cursor up to now by {@code _id $in} (an index lookup on the embedded store too, which uses an index only when a
 * query's keys are exactly the index's keys), and {@link #done} removes an entry once it was handled.
 *
 * <p>An entry is a reminder to look, not a fact: the caller loads the aggregate and decides from its current state
 * (a deadline that moved was scheduled again; the stale entry is simply done). Scheduling lowers the cursor before
 * writing the entry, so a crash between the two leaves the cursor early (harmless), never an entry behind it; the
 * cursor moves forward only with a compare-and-set on its old value, so it never skips an entry scheduled meanwhile.
 * Several replicas may read the same due entries: the caller's own conditional update (an optimistic-locking save)
 * decides which one acts.
 */
public class Deadlines {

    /** One deadline: the aggregate's id and when it falls due. */
    public record Entry(String kind, String id, Instant at) {
    }

    static final Duration BUCKET = Duration.ofHours(1);
    /** At most this many hourly buckets are read in one query (40 days). */
    static final int MAX_BUCKETS = 24 * 40;
    /** At most this many empty windows of {@link #MAX_BUCKETS} are passed in one call (about 3 years). */
    static final int MAX_WINDOWS = 28;

    private final MongoTemplate mongo;
    private final String collection;
    private final Clock clock;

    public Deadlines(MongoTemplate mongo, String collection, Clock clock) {
        this.mongo = mongo;
        this.collection = collection;
        this.clock = clock;
    }

    private MongoCollection<Document> buckets() {
        return mongo.getCollection(collection);
    }

    /** Look at {@code id} again at {@code at} (in addition to any earlier schedule). */
    public void schedule(String kind, String id, Instant at) {
        Instant hour = hourOf(at);
        buckets().updateOne(Filters.eq("_id", cursorId(kind)), Updates.min("from", Date.from(hour)),
                new UpdateOptions().upsert(true));
        buckets().updateOne(Filters.eq("_id", bucketId(kind, hour)),
                Updates.addToSet("entries", new Document("id", id).append("at", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /** The entries due at the clock's now, earliest first, at most {@code limit}. */
    public List<Entry> due(String kind, int limit) {
        Instant now = clock.instant();
        Document cursor = buckets().find(Filters.eq("_id", cursorId(kind))).first();
        if (cursor == null || cursor.getDate("from") == null) {
            return List.of();
        }
        Instant from = cursor.getDate("from").toInstant();
        Instant last = hourOf(now);
        List<Entry> due = new ArrayList<>();
        Instant firstNonEmpty = null;
        Instant window = from;
        // Window after window of empty hours until one holds entries or now is reached (bounded: a clock that
        // jumped years ahead catches up over several calls).
        for (int windows = 0; firstNonEmpty == null && !window.isAfter(last) && windows < MAX_WINDOWS; windows++) {
            List<String> ids = new ArrayList<>();
            for (Instant hour = window; !hour.isAfter(last) && ids.size() < MAX_BUCKETS; hour = hour.plus(BUCKET)) {
                ids.add(bucketId(kind, hour));
            }
            window = window.plus(BUCKET.multipliedBy(ids.size()));
            for (Document bucket : buckets().find(Filters.in("_id", ids))) {
                List<Document> entries = bucket.getList("entries", Document.class, List.of());
                Instant hour = hourFromId(bucket.getString("_id"));
                if (entries.isEmpty()) {
                    if (hour.plus(BUCKET).isBefore(now)) {
                        buckets().deleteOne(Filters.and(Filters.eq("_id", bucket.get("_id")),
                                Filters.size("entries", 0)));
                    }
                    continue;
                }
                if (firstNonEmpty == null || hour.isBefore(firstNonEmpty)) {
                    firstNonEmpty = hour;
                }
                for (Document entry : entries) {
                    Instant at = entry.getDate("at").toInstant();
                    if (!at.isAfter(now)) {
                        due.add(new Entry(kind, entry.getString("id"), at));
                    }
                }
            }
        }
        Instant next = firstNonEmpty != null ? firstNonEmpty : window.isAfter(last) ? last : window;
        if (next.isAfter(from)) {
            // Compare-and-set: a schedule that lowered the cursor meanwhile wins.
            buckets().updateOne(Filters.and(Filters.eq("_id", cursorId(kind)), Filters.eq("from", Date.from(from))),
                    Updates.set("from", Date.from(next)));
        }
        due.sort(Comparator.comparing(Entry::at));
        return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
    }

    /** The entry was handled (or is stale): it will not be returned again. */
    public void done(Entry entry) {
        buckets().updateOne(Filters.eq("_id", bucketId(entry.kind(), hourOf(entry.at()))),
                Updates.pull("entries", new Document("id", entry.id()).append("at", Date.from(entry.at()))));
    }

    static Instant hourOf(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond(), BUCKET.toSeconds()));
    }

    private static String cursorId(String kind) {
        return kind + "|cursor";
    }

    private static String bucketId(String kind, Instant hour) {
        return kind + "|" + hour;
    }

    private static Instant hourFromId(String id) {
        return Instant.parse(id.substring(id.lastIndexOf('|') + 1));
    }
}
