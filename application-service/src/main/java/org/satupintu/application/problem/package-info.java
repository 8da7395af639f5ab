/** Refusals that reach the client as problem JSON. */
@NullMarked
package org.satupintu.application.problem;

import org.jspecify.annotations.NullMarked;
