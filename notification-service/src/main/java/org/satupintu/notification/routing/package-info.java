/** Consumes the platform's events and decides who must know: applicant, office staff, webhook subscribers. */
@NullMarked
package org.satupintu.notification.routing;

import org.jspecify.annotations.NullMarked;
