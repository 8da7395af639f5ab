package org.satupintu.support.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Small read-model documents that both stores serve by {@code _id} alone (see the package documentation): entries
 * grouped by <em>scope</em> (an owner, an office, a recipient) and <em>bucket</em> (a month), each bucket stored
 * with a summary of its entries that its writer computes (counts by state, say).
 * <p>
 * A bucket is immutable once written: a change writes version {@code v+1} as a new document
 * ({@code b|scope|key|v+1}) and then raises the scope's directory ({@code d|scope}, {@code $max}) to it. The insert
 * is the compare-and-set: two writers of the same bucket cannot both insert {@code v+1} (duplicate {@code _id}), so
 * the loser reads again and redoes its change on top. Entries and their summary are therefore always consistent
 * with each other, without transactions and without conditional updates (which the embedded store answers by
 * scanning). A writer that dies between its insert and the directory step leaves a version the directory does not
 * name yet; the next writer of that bucket finds it (duplicate key), raises the directory and builds on it. Versions
 * before the previous one are deleted, so a concurrent reader still finds the one it was told of. Because
 * old versions are deleted, a writer that started from a long-gone version could insert under a freed id: the
 * directory step returns the version it replaced, and a writer that finds the directory already past its own
 * version drops what it wrote and redoes its change on the current one.
 */
public class BucketStore {

    /** Field of every entry that holds its id. */
    public static final String ENTRY_ID = "_k";
    private static final int ATTEMPTS = 200;
    private static final int GARBAGE_WINDOW = 16;
    private static final String META = "meta";

    private final MongoTemplate mongo;
    private final String collection;
    private final Function<List<Document>, Document> summarizer;

    /**
     * @param collection the read model's own collection
     * @param summarizer the summary stored with a bucket, from all its entries
     */
    public BucketStore(MongoTemplate mongo, String collection, Function<List<Document>, Document> summarizer) {
        this.mongo = mongo;
        this.collection = collection;
        this.summarizer = summarizer;
    }

    /** Separates a bucket's period (a month) from its shard in a key: {@code 2026-11~07}. */
    public static final char SHARD_SEPARATOR = '~';

    /**
     * The key of the shard of bucket {@code period} that holds {@code entryId}: a period's entries are spread over
     * {@code shards} documents by the entry's id, so concurrent writers of one busy scope (an office in its morning
     * rush) rarely change the same document, and every copy a change writes stays small. Readers group shards by
     * {@link #periodOf}.
     */
    public static String shardKey(String period, String entryId, int shards) {
        return period + SHARD_SEPARATOR + String.format("%02d", Math.floorMod(entryId.hashCode(), shards));
    }

    /** The period of a bucket key (the key itself when it has no shard). */
    public static String periodOf(String key) {
        int separator = key.indexOf(SHARD_SEPARATOR);
        return separator < 0 ? key : key.substring(0, separator);
    }

    /** Buckets grouped by period (their shards together), periods in ascending order. */
    public static TreeMap<String, List<Bucket>> byPeriod(List<Bucket> buckets) {
        TreeMap<String, List<Bucket>> byPeriod = new TreeMap<>();
        buckets.forEach(b -> byPeriod.computeIfAbsent(periodOf(b.key()), k -> new ArrayList<>()).add(b));
        return byPeriod;
    }

    /**
     * Every record of {@code type}'s collection, for a rebuild: one query for the ids alone, then batches by
     * {@code _id $in}. The embedded store answers a query with one reply however large (a stream of 100k
     * applications exceeded the driver's 48 MB message limit); ids alone stay small, and each batch is an index
     * lookup there.
     */
    public static <T> java.util.stream.Stream<T> everyRecord(MongoTemplate mongo, Class<T> type) {
        List<Object> ids = new ArrayList<>();
        mongo.getCollection(mongo.getCollectionName(type)).find()
                .projection(com.mongodb.client.model.Projections.include("_id")).forEach(d -> ids.add(d.get("_id")));
        int batch = 500;
        return java.util.stream.IntStream.range(0, (ids.size() + batch - 1) / batch)
                .mapToObj(i -> ids.subList(i * batch, Math.min(ids.size(), (i + 1) * batch)))
                .flatMap(part -> mongo.find(Query.query(Criteria.where("_id").in(part)), type).stream());
    }

    /** One version of a bucket. {@code entries} is empty when only the summary was read. */
    public record Bucket(String scope, String key, long version, List<Document> entries, Document summary) {
    }

    /** A bucket named by a directory: where to read it. */
    public record BucketRef(String scope, String key, long version) {
    }

    public String collection() {
        return collection;
    }

    /**
     * Changes one bucket: {@code change} gets its current entries (never null, maybe empty) and returns the new
     * list, or null when nothing changes. Called again on a newer version if another writer won the race, so it
     * must be a pure function of its argument.
     */
    public void update(String scope, String key, Function<List<Document>, @Nullable List<Document>> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document directory = mongo.findById(directoryId(scope), Document.class, collection);
            long version = versionIn(directory, key);
            List<Document> entries = List.of();
            if (version > 0) {
                Document current = mongo.findById(bucketId(scope, key, version), Document.class, collection);
                if (current == null) {
                    // Garbage-collected under us: a newer version exists.
                    continue;
                }
                entries = entriesOf(current);
            }
            List<Document> next = change.apply(entries);
            if (next == null) {
                return;
            }
            long written = version + 1;
            Document bucket = new Document("_id", bucketId(scope, key, written)).append("s", scope).append("k", key)
                    .append("v", written).append("e", next).append("sum", summarizer.apply(next));
            try {
                mongo.insert(bucket, collection);
            }
            catch (DuplicateKeyException e) {
                advance(scope, key, written);
                pause(attempt);
                continue;
            }
            long previous = versionIn(mongo.findAndModify(Query.query(Criteria.where("_id").is(directoryId(scope))),
                    advancing(scope, key, written), FindAndModifyOptions.options().upsert(true).returnNew(false),
                    Document.class, collection), key);
            if (previous > written) {
                // Others wrote newer versions meanwhile. Either one of them was built on ours, or ours re-used the
                // id of a version already deleted (we started from a very old one): ours is not current, so drop it
                // and redo the change on the current version (a no-op if it is in there already).
                mongo.remove(Query.query(Criteria.where("_id").is(bucketId(scope, key, written))), collection);
                pause(attempt);
                continue;
            }
            collectGarbage(scope, key, version);
            return;
        }
        throw new IllegalStateException("Bucket " + scope + "/" + key + " kept changing under " + ATTEMPTS
                + " attempts");
    }

    /** Puts (or, with null, removes) one entry; a no-op if the entry is already exactly that. */
    public void put(String scope, String key, String entryId, @Nullable Document entry) {
        update(scope, key, entries -> replaced(entries, entryId, current -> entry));
    }

    /** The list with the entry {@code entryId} replaced by {@code change(current)}; null when that changes nothing. */
    public static @Nullable List<Document> replaced(List<Document> entries, String entryId,
            Function<@Nullable Document, @Nullable Document> change) {
        List<Document> next = new ArrayList<>(entries.size() + 1);
        Document current = null;
        for (Document entry : entries) {
            if (entryId.equals(entry.getString(ENTRY_ID))) {
                current = entry;
            }
            else {
                next.add(entry);
            }
        }
        Document replacement = change.apply(current);
        if (replacement != null) {
            replacement = new Document(replacement).append(ENTRY_ID, entryId);
            next.add(replacement);
        }
        if (replacement == null ? current == null : replacement.equals(current)) {
            return null;
        }
        return next;
    }

    /** The buckets of each scope, newest version of each, keys in ascending order (one read). */
    public Map<String, List<BucketRef>> directories(Collection<String> scopes) {
        Map<String, List<BucketRef>> result = new LinkedHashMap<>();
        scopes.forEach(scope -> result.put(scope, new ArrayList<>()));
        if (scopes.isEmpty()) {
            return result;
        }
        List<String> ids = scopes.stream().map(BucketStore::directoryId).toList();
        for (Document directory : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class,
                collection)) {
            String scope = directory.getString("s");
            Document versions = directory.get("b", Document.class);
            if (scope == null || versions == null || !result.containsKey(scope)) {
                continue;
            }
            new TreeMap<>(versions).forEach((key, version) -> result.get(scope)
                    .add(new BucketRef(scope, key, ((Number) version).longValue())));
        }
        return result;
    }

    /** Reads the named buckets, with their entries or (summaryOnly) just their summaries, in the order given. */
    public List<Bucket> read(List<BucketRef> refs, boolean summaryOnly) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<String, BucketRef> byId = new LinkedHashMap<>();
        refs.forEach(ref -> byId.put(bucketId(ref.scope(), ref.key(), ref.version()), ref));
        Query query = Query.query(Criteria.where("_id").in(byId.keySet()));
        if (summaryOnly) {
            query.fields().include("s", "k", "v", "sum");
        }
        Map<String, Document> found = new HashMap<>();
        mongo.find(query, Document.class, collection).forEach(d -> found.put(d.getString("_id"), d));
        List<Bucket> buckets = new ArrayList<>(refs.size());
        for (Map.Entry<String, BucketRef> wanted : byId.entrySet()) {
            Document doc = found.get(wanted.getKey());
            if (doc == null) {
                throw new StaleDirectoryException();
            }
            BucketRef ref = wanted.getValue();
            Document summary = doc.get("sum", Document.class);
            buckets.add(new Bucket(ref.scope(), ref.key(), ref.version(), summaryOnly ? List.of() : entriesOf(doc),
                    summary == null ? new Document() : summary));
        }
        return buckets;
    }

    /**
     * Runs a read that uses directories and then buckets again if a bucket version it was told of was replaced
     * twice meanwhile (its document deleted).
     */
    public <T> T reading(java.util.function.Supplier<T> read) {
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            }
            catch (StaleDirectoryException e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("The read model kept changing under a read", e);
                }
                pause(attempt);
            }
        }
    }

    /** Thrown by {@link #read} when a bucket version named by a directory has gone; {@link #reading} retries. */
    public static final class StaleDirectoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleDirectoryException() {
            super("bucket version replaced during the read", null, false, false);
        }
    }

    // ---- markers of writes in progress, for repair after a crash -----------------------------------------------

    /**
     * Notes that the source record {@code sourceId} is about to change and its read-model entries will follow.
     * A marker still there long after (the writer died in between) tells {@link #staleMarkers} what to re-derive.
     *
     * @return the marker's id, for {@link #done}
     */
    public String begin(String sourceId) {
        String markerId = "p|" + sourceId + "|" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        mongo.insert(new Document("_id", markerId).append("src", sourceId).append("at", new java.util.Date()),
                markerCollection());
        return markerId;
    }

    public void done(String markerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(markerId)), markerCollection());
    }

    /** Source ids of markers older than {@code age}: the writes to re-derive (the marker collection is tiny). */
    public Map<String, List<String>> staleMarkers(java.time.Duration age) {
        java.util.Date before = new java.util.Date(System.currentTimeMillis() - age.toMillis());
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Document marker : mongo.find(Query.query(Criteria.where("at").lt(before)), Document.class,
                markerCollection())) {
            bySource.computeIfAbsent(marker.getString("src"), k -> new ArrayList<>()).add(marker.getString("_id"));
        }
        return bySource;
    }

    /**
     * Re-derives the source records whose markers are older than {@code age} and removes those markers.
     *
     * @param rederive writes the read-model entries of one source record from its current state
     * @return how many source records were re-derived
     */
    public int repair(java.time.Duration age, java.util.function.Consumer<String> rederive) {
        int repaired = 0;
        for (Map.Entry<String, List<String>> stale : staleMarkers(age).entrySet()) {
            rederive.accept(stale.getKey());
            stale.getValue().forEach(this::done);
            repaired++;
        }
        return repaired;
    }

    // ---- whether the read model was built ------------------------------------------------------------------------

    /**
     * Removes every bucket and directory of an older shape before a rebuild (their keys may differ from today's, so
     * a merge would count entries twice). A missing {@code meta} (an operator deleted the read model) needs none.
     *
     * @return whether anything of an older schema was removed
     */
    public boolean clearOlderThan(int schema) {
        Document meta = mongo.findById(META, Document.class, collection);
        if (meta == null || !(meta.get("schema") instanceof Number held) || held.intValue() >= schema) {
            return false;
        }
        mongo.remove(new Query(), collection);
        return true;
    }

    /** Whether a full build of this shape ({@code schema}) finished once ({@link #markBuilt}). */
    public boolean built(int schema) {
        Document meta = mongo.findById(META, Document.class, collection);
        return meta != null && java.util.Objects.equals(meta.get("schema"), schema);
    }

    public void markBuilt(int schema) {
        mongo.upsert(Query.query(Criteria.where("_id").is(META)),
                new Update().set("schema", schema).set("at", new java.util.Date()), collection);
    }

    private String markerCollection() {
        return collection + "_pending";
    }

    // ---- small things ------------------------------------------------------------------------------------------

    private void advance(String scope, String key, long version) {
        mongo.upsert(Query.query(Criteria.where("_id").is(directoryId(scope))), advancing(scope, key, version),
                collection);
    }

    /**
     * Deletes the versions before {@code current - 1} (a reader may still be on that one). A window rather than
     * one id: a writer whose version was superseded before it raised the directory skips this step.
     */
    private void collectGarbage(String scope, String key, long current) {
        List<String> old = new ArrayList<>();
        for (long v = current - 1; v >= Math.max(1, current - GARBAGE_WINDOW); v--) {
            old.add(bucketId(scope, key, v));
        }
        if (!old.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(old)), collection);
        }
    }

    private static Update advancing(String scope, String key, long version) {
        return new Update().max("b." + key, version).set("s", scope);
    }

    private static long versionIn(@Nullable Document directory, String key) {
        if (directory == null) {
            return 0;
        }
        Document versions = directory.get("b", Document.class);
        return versions != null && versions.get(key) instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> entriesOf(Document bucket) {
        Object entries = bucket.get("e");
        return entries instanceof List<?> list ? (List<Document>) list : List.of();
    }

    static String directoryId(String scope) {
        return "d|" + scope;
    }

    static String bucketId(String scope, String key, long version) {
        return "b|" + scope + "|" + key + "|" + version;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 3 + Math.min(attempt, 20)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
