/** Refusals that reach the client as problem JSON. */
@NullMarked
package org.satupintu.document.problem;

import org.jspecify.annotations.NullMarked;
