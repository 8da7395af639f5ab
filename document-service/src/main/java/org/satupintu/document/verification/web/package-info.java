/** HTTP edge of the public verification (no token needed under /api/public). */
@NullMarked
package org.satupintu.document.verification.web;

import org.jspecify.annotations.NullMarked;
