/** Calls to application-service (permit-type rules, application fallback, issuance facts), behind a circuit breaker. */
@NullMarked
package org.satupintu.document.applicationservice;

import org.jspecify.annotations.NullMarked;
