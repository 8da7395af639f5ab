/** Readiness of the service's store. */
@NullMarked
package org.satupintu.support.health;

import org.jspecify.annotations.NullMarked;
