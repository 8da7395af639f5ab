/**
 * Applications and their review workflow: the aggregate, its state machine, use cases and queries. The lists, the
 * office queue and the statistics are read from {@link org.satupintu.application.workflow.ApplicationViews}, a
 * read model kept in the saving code path and served by {@code _id} on both stores (why: see
 * {@code org.satupintu.support.readmodel}).
 */
@NullMarked
package org.satupintu.application.workflow;

import org.jspecify.annotations.NullMarked;
