/** The generic MongoDB outbox relay: events saved with the aggregate go to Kafka afterwards. */
@NullMarked
package org.satupintu.support.outbox;

import org.jspecify.annotations.NullMarked;
