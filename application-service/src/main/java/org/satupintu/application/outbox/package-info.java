/** Transactional outbox relay: events saved with the aggregate go to Kafka afterwards. */
@NullMarked
package org.satupintu.application.outbox;

import org.jspecify.annotations.NullMarked;
