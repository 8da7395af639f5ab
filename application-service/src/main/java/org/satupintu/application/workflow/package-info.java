/** Applications and their review workflow: the aggregate, its state machine, use cases and queries. */
@NullMarked
package org.satupintu.application.workflow;

import org.jspecify.annotations.NullMarked;
