/** The office signing key and detached signatures over issued certificates. */
@NullMarked
package org.satupintu.document.signing;

import org.jspecify.annotations.NullMarked;
