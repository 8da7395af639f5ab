/** Scheduled jobs across replicas: one run at a time. */
@NullMarked
package org.satupintu.support.schedule;

import org.jspecify.annotations.NullMarked;
