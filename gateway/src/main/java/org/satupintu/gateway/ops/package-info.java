/** Operations: the queues view (topics, consumer lag, dead letters) and dead-letter replay. */
@NullMarked
package org.satupintu.gateway.ops;

import org.jspecify.annotations.NullMarked;
