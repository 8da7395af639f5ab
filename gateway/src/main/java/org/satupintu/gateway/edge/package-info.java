/** Protection at the edge: path guard, body size limits and per-client rate limits. */
@NullMarked
package org.satupintu.gateway.edge;

import org.jspecify.annotations.NullMarked;
