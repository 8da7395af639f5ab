/** Service-level deadlines: working-day calendar, due dates and the SLA-breach watch. */
@NullMarked
package org.satupintu.application.sla;

import org.jspecify.annotations.NullMarked;
