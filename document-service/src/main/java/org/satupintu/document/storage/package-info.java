/** Stored documents: the aggregate with its outbox, and their bytes in GridFS (streamed, hashed, size-limited). */
@NullMarked
package org.satupintu.document.storage;

import org.jspecify.annotations.NullMarked;
