/** Deadlines found without scanning the aggregates: hourly buckets of (id, time) read by {@code _id}. */
@NullMarked
package org.satupintu.support.deadline;

import org.jspecify.annotations.NullMarked;
