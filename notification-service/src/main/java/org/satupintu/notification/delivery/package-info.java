/** Delivery log of email, SMS and webhook sends: status, attempts, retries with backoff, leases for several replicas. */
@NullMarked
package org.satupintu.notification.delivery;

import org.jspecify.annotations.NullMarked;
