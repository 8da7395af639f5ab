/** Calls to application-service (permit-type rules, application fallback), behind a circuit breaker and time limit. */
@NullMarked
package org.satupintu.document.applicationservice;

import org.jspecify.annotations.NullMarked;
