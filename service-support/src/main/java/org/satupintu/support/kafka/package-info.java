/** Kafka listener error handling: bounded retries with backoff, then the {@code -dlt} topic. */
@NullMarked
package org.satupintu.support.kafka;

import org.jspecify.annotations.NullMarked;
