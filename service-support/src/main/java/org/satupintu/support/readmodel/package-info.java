/**
 * Read models that stay flat as data grows on both stores the services run on.
 * <p>
 * <b>What the embedded store can serve without scanning</b> (read in the source of mongo-java-server 1.47.0,
 * {@code AbstractMongoCollection.queryDocuments}, {@code AbstractUniqueIndex.canHandle}/{@code getPositions},
 * {@code AbstractMongoDatabase.openOrCreateSecondaryIndex}, {@code Aggregation}):
 * <ul>
 * <li>Non-unique indexes are not built at all ({@code EmptyIndex}, "adding secondary index ... is not yet
 * implemented. ignoring").</li>
 * <li>A unique index (the {@code _id} index is one) is used only when the query's field set is <em>exactly</em> the
 * index's keys: {@code {_id: x}} and {@code {_id: {$in: [...]}}} are lookups; for a unique compound index only plain
 * equality on every key. Anything more in the filter ({@code {_id: x, version: 3}}, which is what an optimistic-lock
 * save sends), any other operator ({@code $gt}/{@code $lt} ranges, {@code $exists}), and any filter on other fields
 * is a full scan that deserialises and matches every document of the collection.</li>
 * <li>A regular expression on {@code _id} walks every key of the index (no prefix seek).</li>
 * <li>Sorting, skip and limit happen after matching, in memory: there are no sorted index scans, so
 * "first page, newest first" costs a full scan plus a sort.</li>
 * <li>{@code count} with a filter is a full scan; without a filter it is the collection size.</li>
 * <li>Aggregation pipelines always start from every document of the collection ({@code queryAllAsStream}).</li>
 * <li>Every operation on a collection holds that collection's lock ({@code AbstractSynchronizedMongoCollection}),
 * so one scan delays every other reader and writer of the same collection.</li>
 * </ul>
 * Hence: hot reads here go by {@code _id} equality or {@code _id $in} only, to small documents whose ids encode the
 * access path ({@link org.satupintu.support.readmodel.BucketStore}). A real MongoDB serves the same lookups from its
 * {@code _id} index (the services' Testcontainers tests check the plans where Docker exists).
 * <p>
 * <b>Writers of one busy scope.</b> A bucket is copied whole on every change, and concurrent writers of the same
 * bucket retry on top of each other. With one bucket per office and month, a morning rush at one office (every
 * filing changes that office's bucket) made the copies grow all month and the writers collide: create+submit at
 * concurrency 32 fell to 2-9 pairs/s with a p50 of 4-10 s and failed requests (benchmarks/results/jvm-options of
 * 2026-11-30, commit c572214). The services therefore split each period into shards by entry id
 * ({@link org.satupintu.support.readmodel.BucketStore#shardKey}: 16 per scope and month for the application lists,
 * 8 for an inbox), and readers group the shards of a period ({@code BucketStore.periodOf}); a smoke run after it gave
 * 17 pairs/s and no errors with shards (bounded by CPU then, see benchmarks/results).
 */
@NullMarked
package org.satupintu.support.readmodel;

import org.jspecify.annotations.NullMarked;
