package org.satupintu.support.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Versioned buckets on a real MongoDB-wire server: no lost update under contention, summaries always consistent. */
class BucketStoreTests {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    BucketStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        java.net.InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "buckets");
        store = new BucketStore(mongo, "views", entries -> new Document("count", entries.size()).append("sum",
                entries.stream().mapToInt(e -> e.getInteger("x")).sum()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void concurrentWritersOfOneBucketLoseNothingAndTheSummaryMatchesTheEntries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int w = writer;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    store.put("office:X", "2026-11", "app-" + w + "-" + i, new Document("x", 1));
                    // and rewrite an earlier one, as a state change does
                    store.put("office:X", "2026-11", "app-" + w + "-" + (i / 2), new Document("x", 2));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        var refs = store.directories(List.of("office:X")).get("office:X");
        assertThat(refs).hasSize(1);
        BucketStore.Bucket bucket = store.read(refs, false).get(0);
        assertThat(bucket.entries()).hasSize(200);
        // entries 0..12 of each writer were rewritten to 2
        int expectedSum = 8 * (13 * 2 + 12);
        assertThat(bucket.summary()).isEqualTo(new Document("count", 200).append("sum", expectedSum));
        assertThat(store.read(refs, true).get(0).summary()).isEqualTo(bucket.summary());
        // only the current version and the one before it are kept
        assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^b\\|")), "views")).isLessThanOrEqualTo(2);
    }

    @Test
    void aWriterThatCrashedBeforeTheDirectoryStepIsPickedUpByTheNextOne() {
        store.put("o", "k", "a", new Document("x", 1));
        // version 2 written, directory never raised (the writer died)
        mongo.insert(new Document("_id", BucketStore.bucketId("o", "k", 2)).append("s", "o").append("k", "k")
                .append("v", 2L).append("e", List.of(new Document("x", 5).append(BucketStore.ENTRY_ID, "b")))
                .append("sum", new Document()), "views");
        store.put("o", "k", "c", new Document("x", 7));

        var refs = store.directories(List.of("o")).get("o");
        assertThat(refs).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(3));
        assertThat(store.read(refs, false).get(0).entries()).extracting(e -> e.getString(BucketStore.ENTRY_ID))
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aWriterStartingFromADeletedVersionRedoesItsChangeOnTheCurrentOne() {
        store.put("o", "k", "e0", new Document("x", 0));
        int[] calls = { 0 };
        store.update("o", "k", entries -> {
            if (calls[0]++ == 0) {
                // While this writer works from version 1, others write versions 2 to 4 (and delete 1 and 2): this
                // writer's version 2 re-uses a freed id.
                for (int i = 1; i <= 3; i++) {
                    store.put("o", "k", "e" + i, new Document("x", i));
                }
            }
            return BucketStore.replaced(entries, "late", e -> new Document("x", 100));
        });
        assertThat(calls[0]).isEqualTo(2);
        var refs = store.directories(List.of("o")).get("o");
        assertThat(refs).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(5));
        assertThat(store.read(refs, false).get(0).entries()).extracting(e -> e.getString(BucketStore.ENTRY_ID))
                .containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "late");
    }

    @Test
    void aStaleMarkerNamesItsSource() {
        String marker = store.begin("app-1");
        store.begin("app-2");
        assertThat(store.staleMarkers(Duration.ofHours(1))).isEmpty();
        store.done(marker);
        assertThat(store.staleMarkers(Duration.ZERO)).containsOnlyKeys("app-2");
    }

    @Test
    void shardsSpreadAPeriodByEntryIdAndReadersGroupThemByPeriod() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < 400; i++) {
            String key = BucketStore.shardKey("2026-11", "app-" + i, 16);
            assertThat(key).startsWith("2026-11~");
            assertThat(BucketStore.periodOf(key)).isEqualTo("2026-11");
            assertThat(BucketStore.shardKey("2026-11", "app-" + i, 16)).as("the same entry, the same shard")
                    .isEqualTo(key);
            keys.add(key);
            store.put("office:X", key, "app-" + i, new Document("x", 1));
        }
        assertThat(keys).hasSize(16);
        assertThat(BucketStore.periodOf("2026-11")).isEqualTo("2026-11");
        List<BucketStore.BucketRef> refs = store.directories(List.of("office:X")).get("office:X");
        assertThat(refs).hasSize(16);
        List<Integer> counts = store.read(refs, true).stream().map(b -> b.summary().getInteger("count")).toList();
        assertThat(counts).allSatisfy(count -> assertThat(count).isLessThan(60));
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
    }

    @Test
    void aReadModelOfAnOlderSchemaIsClearedBeforeItsRebuildButAMissingOneNeedsNothing() {
        assertThat(store.clearOlderThan(2)).as("nothing built yet").isFalse();
        store.put("office:X", "2026-11", "app-1", new Document("x", 1));
        store.markBuilt(1);
        assertThat(store.clearOlderThan(1)).as("same schema").isFalse();
        assertThat(store.directories(List.of("office:X")).get("office:X")).hasSize(1);

        assertThat(store.clearOlderThan(2)).isTrue();
        assertThat(store.directories(List.of("office:X")).get("office:X")).isEmpty();
        assertThat(store.built(1)).isFalse();
        assertThat(mongo.getCollection("views").countDocuments()).isZero();
    }
}
