/** Refusals that reach the client as problem JSON. */
@NullMarked
package org.satupintu.notification.problem;

import org.jspecify.annotations.NullMarked;
