/** Who the caller is and what the token lets them do: resource-server set-up and problem answers for auth. */
@NullMarked
package org.satupintu.document.security;

import org.jspecify.annotations.NullMarked;
