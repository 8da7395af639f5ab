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
 */
@NullMarked
package org.satupintu.support.readmodel;

import org.jspecify.annotations.NullMarked;
