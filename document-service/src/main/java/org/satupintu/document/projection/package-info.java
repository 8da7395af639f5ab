/** document-service's own view of applications, kept from application events, with an HTTP fallback. */
@NullMarked
package org.satupintu.document.projection;

import org.jspecify.annotations.NullMarked;
