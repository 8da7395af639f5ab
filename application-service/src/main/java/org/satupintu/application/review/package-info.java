/** Applications and their review workflow: the aggregate, its state machine, use cases and queries. */
@NullMarked
package org.satupintu.application.review;

import org.jspecify.annotations.NullMarked;
