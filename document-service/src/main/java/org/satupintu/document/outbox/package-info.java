/** Transactional outbox relay: events saved with a document record go to Kafka afterwards. */
@NullMarked
package org.satupintu.document.outbox;

import org.jspecify.annotations.NullMarked;
